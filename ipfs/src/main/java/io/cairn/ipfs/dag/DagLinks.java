package io.cairn.ipfs.dag;

import io.cairn.codec.dagcbor.DagCbor;
import io.cairn.codec.dagpb.DagPb;
import io.cairn.error.CairnException;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Multicodec;
import java.util.List;

/** The links out of a block, by its codec. */
public final class DagLinks {
    private DagLinks() {}

    public static List<Cid> of(Cid cid, byte[] data) {
        long codec = cid.codecCode();
        if (codec == Multicodec.RAW.code()) return List.of();
        if (codec == Multicodec.DAG_PB.code()) return DagPb.links(data);
        if (codec == Multicodec.DAG_CBOR.code()) return DagCbor.links(data);
        if (codec == Multicodec.LIBP2P_KEY.code()) return List.of();
        throw new CairnException(CairnException.Kind.BAD_INPUT, "unsupported_codec",
                "cannot follow links of " + cid + ": codec 0x" + Long.toHexString(codec) + " is not supported");
    }
}
