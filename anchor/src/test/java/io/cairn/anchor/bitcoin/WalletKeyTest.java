package io.cairn.anchor.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.anchor.AnchorException;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.ScriptType;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.Test;

class WalletKeyTest {
    private final ECKey key = new ECKey();
    private final String wif = key.getPrivateKeyAsWiF(BitcoinNetwork.REGTEST);

    @Test
    void descriptorChecksumsMatchBip380() {
        // the test vectors of BIP 380 and of Bitcoin Core's descriptor documentation
        assertThat(DescriptorChecksum.of("raw(deadbeef)")).isEqualTo("89f8spxm");
        assertThat(DescriptorChecksum.of("addr(mkmZxiEcEd8ZqjQWVZuC6so5dFMKEFpN2j)")).isEqualTo("02wpgw69");
        assertThat(DescriptorChecksum.of("raw(deadbeef)\u00e9")).as("a character descriptors cannot hold").isNull();
    }

    @Test
    void aBareWifIsP2pkhAndDescriptorsChooseTheirType() {
        assertThat(WalletKey.parse(wif, BitcoinNetwork.REGTEST).type()).isEqualTo(ScriptType.P2PKH);
        assertThat(WalletKey.parse("pkh(" + wif + ")", BitcoinNetwork.REGTEST).type()).isEqualTo(ScriptType.P2PKH);
        WalletKey wpkh = WalletKey.parse("wpkh(" + wif + ")", BitcoinNetwork.REGTEST);
        assertThat(wpkh.type()).isEqualTo(ScriptType.P2WPKH);
        assertThat(wpkh.key().getPubKey()).isEqualTo(key.getPubKey());
        assertThat(wpkh.script().program()).hasSize(22).startsWith(0x00, 0x14);
    }

    @Test
    void aDescriptorChecksumIsVerifiedWhenPresent() {
        String body = "wpkh(" + wif + ")";
        assertThat(WalletKey.parse(body + "#" + DescriptorChecksum.of(body), BitcoinNetwork.REGTEST).type()).isEqualTo(ScriptType.P2WPKH);
        String wrong = DescriptorChecksum.of("pkh(" + wif + ")");
        assertThatThrownBy(() -> WalletKey.parse(body + "#" + wrong, BitcoinNetwork.REGTEST))
                .isInstanceOf(AnchorException.class).hasMessageContaining("checksum").hasMessageNotContaining(wif);
    }

    @Test
    void badKeysAreClearErrorsThatNeverShowTheKey() {
        String mainnet = key.getPrivateKeyAsWiF(BitcoinNetwork.MAINNET);
        assertThatThrownBy(() -> WalletKey.parse(mainnet, BitcoinNetwork.REGTEST))
                .isInstanceOf(AnchorException.class).hasMessageContaining("not a WIF").hasMessageNotContaining(mainnet);
        assertThatThrownBy(() -> WalletKey.parse("tr(" + wif + ")", BitcoinNetwork.REGTEST)).hasMessageContaining("wpkh(WIF) or pkh(WIF)");
        ECKey uncompressed = ECKey.fromPrivate(key.getPrivKey(), false);
        String uwif = uncompressed.getPrivateKeyAsWiF(BitcoinNetwork.REGTEST);
        assertThatThrownBy(() -> WalletKey.parse("wpkh(" + uwif + ")", BitcoinNetwork.REGTEST)).hasMessageContaining("compressed");
    }

    @Test
    void thePublicDescriptorCarriesItsChecksumAndNoSecret() {
        WalletKey k = WalletKey.parse("wpkh(" + wif + ")", BitcoinNetwork.REGTEST);
        String d = k.publicDescriptor();
        assertThat(d).startsWith("wpkh(" + key.getPublicKeyAsHex() + ")#").doesNotContain(wif);
        assertThat(d.substring(d.indexOf('#') + 1)).isEqualTo(DescriptorChecksum.of(d.substring(0, d.indexOf('#'))));
    }
}
