package io.cairn.codec.dagpb;

import io.cairn.multiformats.Cid;
import java.util.Objects;

/** A dag-pb link: the target's CID, an optional name and an optional cumulative size. */
public record PbLink(Cid hash, String name, Long tsize) {
    public PbLink {
        Objects.requireNonNull(hash, "hash");
        if (tsize != null && tsize < 0) throw new IllegalArgumentException("negative Tsize");
    }
}
