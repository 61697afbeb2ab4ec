package io.cairn.anchor.proof;

import io.cairn.anchor.AnchorException;
import io.cairn.anchor.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The data of an anchor's OP_RETURN output: the tag {@code CAIRN}, a version byte, the batch root. */
public record AnchorPayload(Digest root) {
    static final byte[] TAG = "CAIRN".getBytes(StandardCharsets.US_ASCII);
    static final byte VERSION = 1;
    public static final int LENGTH = TAG.length + 1 + Digest.LENGTH;
    /** Where the root starts inside the payload. */
    static final int ROOT_OFFSET = TAG.length + 1;

    public byte[] encode() {
        byte[] out = Arrays.copyOf(TAG, LENGTH);
        out[TAG.length] = VERSION;
        root.copyTo(out, ROOT_OFFSET);
        return out;
    }

    public static AnchorPayload decode(byte[] data) {
        if (data.length != LENGTH || !Arrays.equals(Arrays.copyOf(data, TAG.length), TAG)) {
            throw AnchorException.badInput("not_an_anchor", "OP_RETURN data is not a Cairn anchor");
        }
        if (data[TAG.length] != VERSION) throw AnchorException.badInput("not_an_anchor", "unknown anchor version " + data[TAG.length]);
        return new AnchorPayload(Digest.of(Arrays.copyOfRange(data, ROOT_OFFSET, LENGTH)));
    }
}
