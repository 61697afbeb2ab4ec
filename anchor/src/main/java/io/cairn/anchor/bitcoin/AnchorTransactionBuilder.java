package io.cairn.anchor.bitcoin;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.proof.AnchorPayload;
import io.cairn.error.CairnException;
import java.util.List;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

/**
 * Builds and signs (bitcoinj) the anchor transaction of a batch: one OP_RETURN output with the
 * {@link AnchorPayload}, change back to the wallet, every input signalling replace-by-fee (BIP 125)
 * so that a stuck anchor can be fee-bumped. P2PKH inputs.
 */
public final class AnchorTransactionBuilder {
    /** BIP 125: any sequence below 0xfffffffe signals replaceability. */
    static final long RBF_SEQUENCE = 0xfffffffdL;
    private static final long DUST = 546;

    private AnchorTransactionBuilder() {}

    /** The signed transaction, serialized. Fee = {@code satPerVbyte} × the transaction's size (no witness). */
    public static byte[] build(List<Utxo> inputs, ECKey key, AnchorPayload payload, Script change, double satPerVbyte) {
        long in = inputs.stream().mapToLong(Utxo::valueSats).sum();
        long size = 10 + 148L * inputs.size() + (9 + 2 + AnchorPayload.LENGTH) + 34;
        long fee = (long) Math.ceil(satPerVbyte * size);
        long changeValue = in - fee;
        if (changeValue < DUST) {
            throw new AnchorException(CairnException.Kind.CONFLICT, "wallet_unfunded",
                    "the anchor wallet holds " + in + " sat in the chosen outputs, not enough for a fee of " + fee + " sat");
        }
        Transaction tx = new Transaction();
        tx.addOutput(Coin.ZERO, ScriptBuilder.createOpReturnScript(payload.encode()));
        tx.addOutput(Coin.valueOf(changeValue), change);
        for (Utxo u : inputs) {
            TransactionInput input = tx.addInput(Sha256Hash.wrap(u.txid()), u.index(), Script.parse(new byte[0]));
            tx.replaceInput(tx.getInputs().size() - 1, input.withSequence(RBF_SEQUENCE));
        }
        for (int i = 0; i < inputs.size(); i++) {
            Script locking = Script.parse(inputs.get(i).scriptPubKey());
            TransactionSignature sig = tx.calculateSignature(i, key, locking, Transaction.SigHash.ALL, false);
            tx.replaceInput(i, tx.getInput(i).withScriptSig(ScriptBuilder.createInputScript(sig, key)));
        }
        return tx.serialize();
    }
}
