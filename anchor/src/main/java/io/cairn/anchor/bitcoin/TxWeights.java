package io.cairn.anchor.bitcoin;

import io.cairn.anchor.proof.AnchorPayload;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptPattern;

/**
 * Weights (BIP 141 weight units; vsize = weight / 4, rounded up) of an anchor transaction's parts, for
 * coin selection before signing. Signatures are counted at their largest (72 bytes with the sighash
 * byte; bitcoinj makes low-S signatures), so an estimate is never below the signed size.
 */
final class TxWeights {
    /** Version, locktime and the input and output counts (below 253 each). */
    static final int BASE = 10 * 4;
    /** The segwit marker and flag, witness data, counted once when any input has a witness. */
    static final int SEGWIT_MARKER = 2;
    static final int P2PKH_INPUT = (32 + 4 + 1 + (1 + 72 + 1 + 33) + 4) * 4;
    /** Outpoint, empty scriptSig, sequence; witness: item count, signature, public key. */
    static final int P2WPKH_INPUT = (32 + 4 + 1 + 4) * 4 + (1 + 1 + 72 + 1 + 33);
    static final int OP_RETURN_OUTPUT = (8 + 1 + 2 + AnchorPayload.LENGTH) * 4;

    private TxWeights() {}

    static int input(byte[] scriptPubKey) {
        Script s = Script.parse(scriptPubKey);
        if (ScriptPattern.isP2WPKH(s)) return P2WPKH_INPUT;
        if (ScriptPattern.isP2PKH(s)) return P2PKH_INPUT;
        throw new IllegalArgumentException("not a P2PKH or P2WPKH output");
    }

    static boolean isWitness(byte[] scriptPubKey) {
        return ScriptPattern.isP2WPKH(Script.parse(scriptPubKey));
    }

    static int output(byte[] scriptPubKey) {
        return (8 + 1 + scriptPubKey.length) * 4;
    }

    static int vsize(int weight) {
        return (weight + 3) / 4;
    }
}
