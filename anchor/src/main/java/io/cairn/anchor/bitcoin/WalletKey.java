package io.cairn.anchor.bitcoin;

import io.cairn.anchor.AnchorException;
import org.bitcoinj.base.Address;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.ScriptType;
import org.bitcoinj.crypto.DumpedPrivateKey;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

/**
 * The anchoring wallet's key and the kind of output it owns, from {@code bitcoin_wallet_key}: a
 * descriptor {@code wpkh(WIF)} (P2WPKH) or {@code pkh(WIF)} (P2PKH), with or without its BIP 380
 * checksum (checked when present), or a bare WIF, which means P2PKH: that is the address a bare key
 * has always had here, and it works on every chain whether or not segwit is active yet.
 */
public record WalletKey(ECKey key, ScriptType type) {
    public WalletKey {
        if (type != ScriptType.P2PKH && type != ScriptType.P2WPKH) {
            throw AnchorException.badInput("invalid_wallet_key", "the anchor wallet spends P2PKH or P2WPKH outputs, not " + type);
        }
        if (type == ScriptType.P2WPKH && !key.isCompressed()) {
            throw AnchorException.badInput("invalid_wallet_key", "a P2WPKH wallet needs a compressed key (its WIF starts with K, L or c)");
        }
    }

    /** Parses a WIF or a {@code wpkh()}/{@code pkh()} descriptor for {@code network}; errors never show the key. */
    public static WalletKey parse(String text, BitcoinNetwork network) {
        String s = text.strip();
        int hash = s.indexOf('#');
        if (hash >= 0) {
            String body = s.substring(0, hash), checksum = s.substring(hash + 1);
            String expected = DescriptorChecksum.of(body);
            if (expected == null || !expected.equals(checksum)) {
                throw AnchorException.badInput("invalid_wallet_key", "the wallet key descriptor's checksum does not match (BIP 380)");
            }
            s = body;
        }
        ScriptType type = ScriptType.P2PKH;
        String wif = s;
        if (s.startsWith("wpkh(") && s.endsWith(")")) {
            type = ScriptType.P2WPKH;
            wif = s.substring(5, s.length() - 1);
        } else if (s.startsWith("pkh(") && s.endsWith(")")) {
            wif = s.substring(4, s.length() - 1);
        } else if (s.contains("(")) {
            throw AnchorException.badInput("invalid_wallet_key", "the wallet key descriptor must be wpkh(WIF) or pkh(WIF)");
        }
        ECKey key;
        try {
            key = DumpedPrivateKey.fromBase58(network, wif).getKey();
        } catch (RuntimeException e) {
            throw AnchorException.badInput("invalid_wallet_key", "the wallet key is not a WIF private key for " + network);
        }
        return new WalletKey(key, type);
    }

    /** The locking script of this wallet's outputs (and of its change). */
    public Script script() {
        return type == ScriptType.P2WPKH ? ScriptBuilder.createP2WPKHOutputScript(key) : ScriptBuilder.createP2PKHOutputScript(key);
    }

    public Address address(BitcoinNetwork network) {
        return key.toAddress(type, network);
    }

    /** The smallest output the network relays to this wallet's kind of script (Bitcoin Core's dust rule at 3 sat/vB). */
    public long dustLimit() {
        return type == ScriptType.P2WPKH ? 294 : 546;
    }

    /** The descriptor with its checksum, private key left out. */
    public String publicDescriptor() {
        String body = (type == ScriptType.P2WPKH ? "wpkh(" : "pkh(") + key.getPublicKeyAsHex() + ")";
        return body + "#" + DescriptorChecksum.of(body);
    }

    @Override
    public String toString() {
        return "WalletKey[" + publicDescriptor() + "]";
    }
}
