package io.cairn.anchor.bitcoin;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.proof.AnchorPayload;
import io.cairn.error.CairnException;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.bitcoinj.script.ScriptPattern;

/**
 * Builds and signs (bitcoinj) the anchor transaction of a batch: one OP_RETURN output with the
 * {@link AnchorPayload}, change back to the wallet unless it would be dust (then it goes to the fee),
 * every input signalling replace-by-fee (BIP 125) so that a stuck anchor can be fee-bumped. P2PKH and
 * P2WPKH inputs. The fee is computed on the signed transaction's exact virtual size.
 */
public final class AnchorTransactionBuilder {
    /** BIP 125: any sequence below 0xfffffffe signals replaceability. */
    static final long RBF_SEQUENCE = 0xfffffffdL;

    private static final int MAX_SIGNING_ATTEMPTS = 16;

    private AnchorTransactionBuilder() {}

    /** Signs an anchor paying {@code satPerVbyte} × its virtual size. */
    public static SignedAnchor build(List<Utxo> inputs, WalletKey key, AnchorPayload payload, double satPerVbyte) {
        return build(inputs, key, payload, vsize -> (long) Math.ceil(satPerVbyte * vsize));
    }

    /**
     * Signs an anchor whose fee is {@code feeForVsize} of its signed virtual size (a replacement's rule:
     * more than the original by the incremental relay fee, see {@link FeeBump}).
     */
    public static SignedAnchor build(List<Utxo> inputs, WalletKey key, AnchorPayload payload, LongUnaryOperator feeForVsize) {
        if (inputs.isEmpty()) throw new IllegalArgumentException("an anchor needs inputs");
        long in = inputs.stream().mapToLong(Utxo::valueSats).sum();
        byte[] change = key.script().program();
        int estimate = TxWeights.BASE + TxWeights.OP_RETURN_OUTPUT + TxWeights.output(change);
        boolean segwit = false;
        for (Utxo u : inputs) {
            estimate += TxWeights.input(u.scriptPubKey());
            segwit |= TxWeights.isWitness(u.scriptPubKey());
        }
        if (segwit) estimate += TxWeights.SEGWIT_MARKER;
        long fee = feeForVsize.applyAsLong(TxWeights.vsize(estimate));
        SignedAnchor best = null;
        // a DER signature is 70, 71 or 72 bytes depending on what it signs, so the change that pays for one
        // size can give another: re-sign at the fee the last signed size needs until the fee is exact to a
        // vbyte, keeping the cheapest that pays its way. Signatures are deterministic (RFC 6979), so two fees
        // could give each other's sizes forever: each try also takes another lock time (a height long past,
        // so the anchor is final at once), which changes what is signed.
        for (int attempt = 0; attempt < MAX_SIGNING_ATTEMPTS; attempt++) {
            long changeValue = in - fee;
            boolean withChange = changeValue >= key.dustLimit();
            Transaction tx = sign(inputs, key, payload, withChange ? changeValue : -1, attempt);
            int vsize = tx.getVsize();
            long needed = feeForVsize.applyAsLong(vsize);
            long paid = withChange ? fee : in;
            if (!withChange && in < needed) {
                throw new AnchorException(CairnException.Kind.CONFLICT, "wallet_unfunded",
                        "the anchor's inputs hold " + in + " sat, not enough for its fee of " + needed + " sat");
            }
            // cheapest first; at the same fee the larger transaction (the fee is then closer to its rate)
            if (paid >= needed && (best == null || paid < best.feeSats() || (paid == best.feeSats() && vsize > best.vsize()))) {
                best = new SignedAnchor(tx.serialize(), tx.getTxId().toString(), paid, vsize, inputs);
            }
            if (!withChange || (best != null && best.feeSats() <= feeForVsize.applyAsLong(best.vsize() + 1))) break;
            fee = needed;
        }
        if (best == null) {
            fee = feeForVsize.applyAsLong(TxWeights.vsize(estimate) + 1);
            Transaction tx = sign(inputs, key, payload, in - fee >= key.dustLimit() ? in - fee : -1, 0);
            long paid = in - fee >= key.dustLimit() ? fee : in;
            if (paid < feeForVsize.applyAsLong(tx.getVsize())) throw new IllegalStateException("no fee pays for the signed size");
            best = new SignedAnchor(tx.serialize(), tx.getTxId().toString(), paid, tx.getVsize(), inputs);
        }
        return best;
    }

    private static Transaction sign(List<Utxo> inputs, WalletKey key, AnchorPayload payload, long changeValue, int lockTime) {
        Transaction tx = new Transaction();
        tx.setLockTime(lockTime);
        tx.addOutput(Coin.ZERO, ScriptBuilder.createOpReturnScript(payload.encode()));
        if (changeValue >= 0) tx.addOutput(Coin.valueOf(changeValue), key.script());
        for (Utxo u : inputs) {
            TransactionInput input = tx.addInput(Sha256Hash.wrap(u.txid()), u.index(), Script.parse(new byte[0]));
            tx.replaceInput(tx.getInputs().size() - 1, input.withSequence(RBF_SEQUENCE));
        }
        for (int i = 0; i < inputs.size(); i++) {
            Utxo u = inputs.get(i);
            Script locking = Script.parse(u.scriptPubKey());
            if (ScriptPattern.isP2WPKH(locking)) {
                if (!java.util.Arrays.equals(ScriptPattern.extractHashFromP2WH(locking), key.key().getPubKeyHash())) {
                    throw notOurs(u);
                }
                Script scriptCode = ScriptBuilder.createP2PKHOutputScript(key.key());
                TransactionSignature sig = tx.calculateWitnessSignature(i, key.key(), scriptCode, Coin.valueOf(u.valueSats()), Transaction.SigHash.ALL, false);
                tx.replaceInput(i, tx.getInput(i).withWitness(TransactionWitness.redeemP2WPKH(sig, key.key())));
            } else if (ScriptPattern.isP2PKH(locking)) {
                if (!java.util.Arrays.equals(ScriptPattern.extractHashFromP2PKH(locking), key.key().getPubKeyHash())) throw notOurs(u);
                TransactionSignature sig = tx.calculateSignature(i, key.key(), locking, Transaction.SigHash.ALL, false);
                tx.replaceInput(i, tx.getInput(i).withScriptSig(ScriptBuilder.createInputScript(sig, key.key())));
            } else {
                throw notOurs(u);
            }
        }
        return tx;
    }

    private static AnchorException notOurs(Utxo u) {
        return new AnchorException(CairnException.Kind.INTERNAL, "foreign_output", "output " + u.txid() + ":" + u.index() + " is not the wallet key's to spend");
    }
}
