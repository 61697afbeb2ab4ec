package io.cairn.anchor.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.anchor.Digest;
import io.cairn.anchor.proof.AnchorPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bitcoinj.base.ScriptType;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.Test;

/**
 * The fee of a signed anchor with change is exact to one vbyte of its signed virtual size, although a
 * DER signature is 70, 71 or 72 bytes depending on what it signs (and so on the change it pays): over
 * many keys, amounts, input counts and both script types, which exercises every signature length.
 */
class AnchorTransactionBuilderTest {
    @Test
    void theFeeOfEverySignedAnchorIsExactToOneVbyte() {
        SplittableRandom random = new SplittableRandom(2026);
        int[] sizes = new int[3];
        for (int n = 0; n < 600; n++) {
            ScriptType type = n % 2 == 0 ? ScriptType.P2PKH : ScriptType.P2WPKH;
            WalletKey key = new WalletKey(new ECKey(), type);
            List<Utxo> inputs = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            long in = 0;
            for (int i = 0; i < count; i++) {
                byte[] txid = new byte[32];
                random.nextBytes(txid);
                long value = 20_000 + random.nextLong(5_000_000);
                in += value;
                inputs.add(new Utxo(org.bouncycastle.util.encoders.Hex.toHexString(txid), random.nextInt(4), value, key.script().program()));
            }
            byte[] root = new byte[32];
            random.nextBytes(root);
            double rate = 1 + random.nextInt(50);
            SignedAnchor anchor = AnchorTransactionBuilder.build(inputs, key, new AnchorPayload(Digest.of(root)), rate);

            Transaction tx = Transaction.read(java.nio.ByteBuffer.wrap(anchor.transaction()));
            int vsize = tx.getVsize();
            long change = tx.getOutputs().size() == 2 ? tx.getOutput(1).getValue().value : 0;
            assertThat(tx.getOutputs()).as("OP_RETURN and change").hasSize(2);
            assertThat(anchor.vsize()).isEqualTo(vsize);
            assertThat(anchor.feeSats()).as("fee recorded = inputs − change").isEqualTo(in - change);
            assertThat(anchor.feeSats()).as("case %d: %d vB at %s sat/vB", n, vsize, rate)
                    .isGreaterThanOrEqualTo((long) Math.ceil(rate * vsize))
                    .isLessThanOrEqualTo((long) Math.ceil(rate * (vsize + 1)));
            if (type == ScriptType.P2PKH && count == 1) sizes[signatureLength(tx) - 70]++;
        }
        assertThat(sizes[1]).as("71-byte signatures seen").isPositive();
        assertThat(sizes[2]).as("72-byte signatures seen").isPositive();
    }

    /** The DER signature's length with its sighash byte, from a P2PKH scriptSig (push sig, push key). */
    private static int signatureLength(Transaction tx) {
        return tx.getInput(0).getScriptBytes()[0];
    }
}
