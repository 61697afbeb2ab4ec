package io.cairn.anchor.bitcoin;

import io.cairn.anchor.AnchorException;
import io.cairn.error.CairnException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

/**
 * The anchoring wallet: one key (P2PKH), whose outputs it follows by reading blocks from a birth
 * height, so it works on any back end that serves blocks. Coinbase outputs are spendable after 100
 * confirmations. Outputs spent by an anchor not yet mined are held back until they are.
 */
public final class AnchorWallet {
    private static final int COINBASE_MATURITY = 100;

    private final ECKey key;
    private final BitcoinRpc rpc;
    private final byte[] script;
    private long scannedHeight;
    private final Map<String, Owned> unspent = new LinkedHashMap<>();
    private final Set<String> pendingSpends = new HashSet<>();

    private record Owned(Utxo utxo, long height, boolean coinbase) {}

    public AnchorWallet(ECKey key, BitcoinRpc rpc, long birthHeight) {
        this.key = key;
        this.rpc = rpc;
        this.script = ScriptBuilder.createP2PKHOutputScript(key).program();
        this.scannedHeight = birthHeight - 1;
    }

    public ECKey key() {
        return key;
    }

    public Script changeScript() {
        return Script.parse(script);
    }

    /** Reads the blocks mined since the last call. */
    public synchronized void sync() {
        long tip = rpc.blockCount();
        for (long h = scannedHeight + 1; h <= tip; h++) {
            Block block = Block.read(ByteBuffer.wrap(rpc.block(rpc.blockHash(h))));
            List<Transaction> txs = block.getTransactions();
            for (int t = 0; t < txs.size(); t++) {
                Transaction tx = txs.get(t);
                if (t > 0) {
                    for (TransactionInput in : tx.getInputs()) {
                        String spent = in.getOutpoint().hash() + ":" + in.getOutpoint().index();
                        unspent.remove(spent);
                        pendingSpends.remove(spent);
                    }
                }
                List<TransactionOutput> outs = tx.getOutputs();
                for (int i = 0; i < outs.size(); i++) {
                    if (Arrays.equals(outs.get(i).getScriptBytes(), script)) {
                        String id = tx.getTxId() + ":" + i;
                        unspent.put(id, new Owned(new Utxo(tx.getTxId().toString(), i, outs.get(i).getValue().value, script), h, t == 0));
                    }
                }
            }
            scannedHeight = h;
        }
    }

    /** Spendable balance in satoshis (mature, confirmed, not held by a pending anchor). */
    public synchronized long balance() {
        return spendable().stream().mapToLong(Utxo::valueSats).sum();
    }

    private List<Utxo> spendable() {
        List<Utxo> out = new ArrayList<>();
        for (Map.Entry<String, Owned> e : unspent.entrySet()) {
            Owned o = e.getValue();
            if (pendingSpends.contains(e.getKey())) continue;
            if (o.coinbase && scannedHeight + 1 - o.height < COINBASE_MATURITY) continue;
            out.add(o.utxo);
        }
        return out;
    }

    /** Outputs worth at least {@code sats}, largest first; an unfunded wallet is a clear error. */
    public synchronized List<Utxo> select(long sats) {
        List<Utxo> candidates = spendable();
        candidates.sort(Comparator.comparingLong(Utxo::valueSats).reversed());
        List<Utxo> chosen = new ArrayList<>();
        long total = 0;
        for (Utxo u : candidates) {
            if (total >= sats) break;
            chosen.add(u);
            total += u.valueSats();
        }
        if (total < sats) {
            throw new AnchorException(CairnException.Kind.CONFLICT, "wallet_unfunded",
                    "the anchor wallet has " + total + " spendable sat, an anchor needs " + sats);
        }
        return chosen;
    }

    /** Holds outputs an unmined anchor spends, so the next anchor does not try to spend them again. */
    public synchronized void markPending(List<Utxo> spent) {
        for (Utxo u : spent) pendingSpends.add(u.txid() + ":" + u.index());
    }
}
