package io.cairn.node.cli;

import io.cairn.codec.dagcbor.DagCbor;
import io.cairn.codec.dagpb.DagPb;
import io.cairn.multiformats.Multicodec;

/** Refuses to store a block that is not valid in the codec its CID will claim. */
final class BlockValidation {
    private BlockValidation() {}

    static void check(Multicodec codec, byte[] data) {
        switch (codec) {
            case DAG_PB -> DagPb.decode(data);
            case DAG_CBOR -> DagCbor.decode(data);
            default -> { }
        }
    }
}
