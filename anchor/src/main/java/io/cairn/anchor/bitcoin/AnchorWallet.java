package io.cairn.anchor.bitcoin;

import io.cairn.anchor.AnchorException;
import io.cairn.error.CairnException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.crypto.ECKey;

/**
 * The anchoring wallet: one key (P2PKH or P2WPKH, see {@link WalletKey}), whose outputs it follows
 * by reading blocks from a birth height, so it works on any back end that serves blocks. Coinbase
 * outputs are spendable after 100 confirmations. When the block it read last leaves the best chain it
 * reads again from its birth height. Outputs spent by anchors not yet mined are passed in by the caller
 * (from the durable anchor records), so a restart never double-spends them.
 */
public final class AnchorWallet {
    private static final int COINBASE_MATURITY = 100;

    private final WalletKey key;
    private final ChainBackend chain;
    private final byte[] script;
    private final long birthHeight;
    private long scannedHeight;
    private String scannedHash;
    private final Map<String, Owned> unspent = new LinkedHashMap<>();
    /** txid → hash of the best-chain block holding it, for every transaction that spent this wallet's outputs. */
    private final Map<String, String> spendsMinedIn = new java.util.HashMap<>();

    private record Owned(Utxo utxo, long height, boolean coinbase) {}

    public AnchorWallet(WalletKey key, ChainBackend chain, long birthHeight) {
        this.key = key;
        this.chain = chain;
        this.script = key.script().program();
        this.birthHeight = birthHeight;
        this.scannedHeight = birthHeight - 1;
    }

    /** A P2PKH wallet on a Core JSON-RPC back end. */
    public AnchorWallet(ECKey key, BitcoinRpc rpc, long birthHeight) {
        this(new WalletKey(key, org.bitcoinj.base.ScriptType.P2PKH), new CoreRpcBackend(rpc), birthHeight);
    }

    public WalletKey walletKey() {
        return key;
    }

    public ECKey key() {
        return key.key();
    }

    /** Reads the blocks mined since the last call. */
    public synchronized void sync() {
        if (scannedHash != null && (chain.tipHeight() < scannedHeight || !chain.blockHash(scannedHeight).equals(scannedHash))) {
            unspent.clear(); // a reorganization: read the chain again
            spendsMinedIn.clear();
            scannedHeight = birthHeight - 1;
            scannedHash = null;
        }
        long tip = chain.tipHeight();
        for (long h = scannedHeight + 1; h <= tip; h++) {
            String hash = chain.blockHash(h);
            Block block = Block.read(ByteBuffer.wrap(chain.block(hash)));
            List<Transaction> txs = block.getTransactions();
            for (int t = 0; t < txs.size(); t++) {
                Transaction tx = txs.get(t);
                if (t > 0) {
                    for (TransactionInput in : tx.getInputs()) {
                        if (unspent.remove(in.getOutpoint().hash() + ":" + in.getOutpoint().index()) != null) spendsMinedIn.put(tx.getTxId().toString(), hash);
                    }
                }
                List<TransactionOutput> outs = tx.getOutputs();
                for (int i = 0; i < outs.size(); i++) {
                    if (Arrays.equals(outs.get(i).getScriptBytes(), script)) {
                        unspent.put(tx.getTxId() + ":" + i, new Owned(new Utxo(tx.getTxId().toString(), i, outs.get(i).getValue().value, script), h, t == 0));
                    }
                }
            }
            scannedHeight = h;
            scannedHash = hash;
        }
    }

    /**
     * The block holding a transaction that spent this wallet's outputs (every anchor does), as read by
     * {@link #sync()}: how a confirmation is found on a back end without a transaction index (Core
     * without -txindex).
     */
    public synchronized Optional<String> blockOfSpend(String txid) {
        return Optional.ofNullable(spendsMinedIn.get(txid));
    }

    /** Spendable balance in satoshis: mature, confirmed, not held by an unmined anchor. */
    public synchronized long balance(Set<String> held) {
        return spendable(held).stream().mapToLong(Utxo::valueSats).sum();
    }

    public synchronized long balance() {
        return balance(Set.of());
    }

    /** The spendable outputs not in {@code held}, largest first. */
    public synchronized List<Utxo> spendableOutputs(Set<String> held) {
        List<Utxo> out = spendable(held);
        out.sort(Comparator.comparingLong(Utxo::valueSats).reversed());
        return out;
    }

    /** One of the wallet's confirmed unspent outputs, by {@code txid:index}. */
    public synchronized Optional<Utxo> output(String outpoint) {
        Owned o = unspent.get(outpoint);
        return o == null ? Optional.empty() : Optional.of(o.utxo);
    }

    private List<Utxo> spendable(Collection<String> held) {
        List<Utxo> out = new ArrayList<>();
        for (Map.Entry<String, Owned> e : unspent.entrySet()) {
            Owned o = e.getValue();
            if (held.contains(e.getKey())) continue;
            if (o.coinbase && scannedHeight + 1 - o.height < COINBASE_MATURITY) continue;
            out.add(o.utxo);
        }
        return out;
    }

    /**
     * Outputs that pay for an anchor at {@code satPerVbyte}, largest first, with change above the dust
     * limit or, when the excess is smaller than that, none (the excess goes to the fee). An unfunded
     * wallet is a clear error saying what it has and what it needs.
     */
    public synchronized List<Utxo> select(double satPerVbyte, Set<String> held) {
        List<Utxo> candidates = spendable(held);
        candidates.sort(Comparator.comparingLong(Utxo::valueSats).reversed());
        int weight = TxWeights.BASE + TxWeights.OP_RETURN_OUTPUT;
        int changeWeight = TxWeights.output(script);
        boolean segwit = false;
        long total = 0, needed = (long) Math.ceil(satPerVbyte * TxWeights.vsize(weight + changeWeight));
        List<Utxo> chosen = new ArrayList<>();
        for (Utxo u : candidates) {
            chosen.add(u);
            total += u.valueSats();
            weight += TxWeights.input(u.scriptPubKey());
            if (!segwit && TxWeights.isWitness(u.scriptPubKey())) {
                segwit = true;
                weight += TxWeights.SEGWIT_MARKER;
            }
            long withChange = (long) Math.ceil(satPerVbyte * TxWeights.vsize(weight + changeWeight));
            long withoutChange = (long) Math.ceil(satPerVbyte * TxWeights.vsize(weight));
            if (total >= withChange + key.dustLimit() || total >= withoutChange) return chosen;
            needed = withoutChange;
        }
        long heldSats = 0;
        for (String h : held) if (unspent.containsKey(h)) heldSats += unspent.get(h).utxo.valueSats();
        throw new AnchorException(CairnException.Kind.CONFLICT, "wallet_unfunded",
                "the anchor wallet (" + key.publicDescriptor() + ") has " + total + " spendable sat in " + candidates.size()
                        + " outputs; an anchor at " + satPerVbyte + " sat/vB needs at least " + needed + " sat"
                        + (heldSats > 0 ? " (" + heldSats + " sat are held by anchors not mined yet)" : ""));
    }
}
