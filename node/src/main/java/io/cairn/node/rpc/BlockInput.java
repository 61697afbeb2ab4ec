package io.cairn.node.rpc;

import io.cairn.codec.dagcbor.DagCbor;
import io.cairn.codec.dagpb.DagPb;
import io.cairn.error.CairnException;
import io.cairn.ipfs.block.Block;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import io.cairn.multiformats.Multihash;
import java.io.IOException;
import java.io.InputStream;

/**
 * A block to store, as {@code block put} takes it (the CLI on a repo and the node's
 * {@code /api/v0/block/put} alike): at most {@value #MAX_BLOCK_SIZE} bytes, as Kubo refuses bigger
 * blocks; a codec Cairn stores (raw, dag-pb, dag-cbor, dag-json); bytes that decode in it; a CIDv1.
 */
public final class BlockInput {
    /** Blocks larger than this are refused, as Kubo refuses blocks over 2 MiB (the network's limit). */
    public static final int MAX_BLOCK_SIZE = 2 * 1024 * 1024;

    private BlockInput() {}

    public static Block read(InputStream in, String codec, String mhtype) throws IOException {
        byte[] data = in.readNBytes(MAX_BLOCK_SIZE + 1);
        if (data.length > MAX_BLOCK_SIZE) {
            throw new CairnException(CairnException.Kind.TOO_LARGE, "block_too_large", "block is larger than " + MAX_BLOCK_SIZE + " bytes");
        }
        Multicodec c = Multicodec.ofName(codec);
        if (c != Multicodec.RAW && c != Multicodec.DAG_PB && c != Multicodec.DAG_CBOR && c != Multicodec.DAG_JSON) {
            throw new CairnException(CairnException.Kind.BAD_INPUT, "invalid_codec", "unsupported --cid-codec " + codec);
        }
        switch (c) { // refuse bytes that are not valid in the codec the CID will claim
            case DAG_PB -> DagPb.decode(data);
            case DAG_CBOR -> DagCbor.decode(data);
            default -> { }
        }
        return new Block(Cid.v1(c, Multihash.digest(Multicodec.ofName(mhtype), data)), data);
    }
}
