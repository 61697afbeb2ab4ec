package io.cairn.codec.dagpb;

import java.util.Arrays;
import java.util.List;

/** A dag-pb node: optional data bytes and an ordered list of links. */
public record PbNode(byte[] data, List<PbLink> links) {
    public PbNode {
        links = List.copyOf(links);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PbNode n && Arrays.equals(n.data, data) && n.links.equals(links);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + links.hashCode();
    }

    @Override
    public String toString() {
        return "PbNode[data=" + (data == null ? "null" : data.length + " bytes") + ", links=" + links + "]";
    }
}
