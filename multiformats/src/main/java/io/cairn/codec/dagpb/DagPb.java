package io.cairn.codec.dagpb;

import io.cairn.codec.CodecException;
import io.cairn.codec.StrictUtf8;
import io.cairn.codec.protobuf.ProtoReader;
import io.cairn.codec.protobuf.ProtoWriter;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.MultiformatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The dag-pb codec as the IPLD spec defines it. The encoder writes links (field 2) before data
 * (field 1), link fields in the order Hash, Name, Tsize, and refuses links that are not sorted by name
 * bytes. The decoder is strict where the spec is: link fields in schema order, no duplicates, no unknown
 * fields or wire types, a Hash that is a CID in every link. It accepts data before links too, since
 * blocks in that order exist (older JavaScript encoders wrote them), but never links on both sides of it.
 */
public final class DagPb {
    private static final String NAME = "dag-pb";
    private static final byte[] EMPTY = new byte[0];

    private DagPb() {}

    /**
     * Encodes a node in the canonical form.
     *
     * @throws CodecException if the links are not sorted by name bytes (the spec forbids such blocks)
     */
    public static byte[] encode(PbNode node) {
        requireSortedLinks(node.links());
        int estimate = (node.data() == null ? 0 : node.data().length) + node.links().size() * 48 + 16;
        ProtoWriter out = new ProtoWriter(estimate);
        for (PbLink link : node.links()) {
            out.writeBytesField(2, encodeLink(link));
        }
        if (node.data() != null) out.writeBytesField(1, node.data());
        return out.toByteArray();
    }

    private static byte[] encodeLink(PbLink link) {
        ProtoWriter out = new ProtoWriter(link.hash().byteLength() + 32);
        out.writeBytesField(1, link.hash().toBytes());
        if (link.name() != null) out.writeBytesField(2, link.name().getBytes(StandardCharsets.UTF_8));
        if (link.tsize() != null) out.writeVarintField(3, link.tsize());
        return out.toByteArray();
    }

    public static PbNode decode(byte[] bytes) {
        ProtoReader in = new ProtoReader(bytes, NAME);
        List<PbLink> links = new ArrayList<>();
        byte[] data = null;
        boolean dataAfterLinks = false;
        while (in.hasMore()) {
            int[] key = in.readKey();
            if (key[1] != ProtoReader.LENGTH_DELIMITED) throw in.error("field " + key[0] + " has wire type " + key[1]);
            if (key[0] == 2) {
                // data then links is a legacy order still found in stored blocks; links on both sides of data is not
                if (dataAfterLinks) throw in.error("links on both sides of data");
                links.add(decodeLink(in.readEmbedded()));
            } else if (key[0] == 1) {
                if (data != null) throw in.error("duplicate data field");
                data = in.readBytes();
                dataAfterLinks = !links.isEmpty();
            } else {
                throw in.error("unknown field " + key[0] + " in PBNode");
            }
        }
        return new PbNode(data, links);
    }

    private static PbLink decodeLink(ProtoReader in) {
        byte[] hash = null;
        String name = null;
        Long tsize = null;
        int lastField = 0;
        while (in.hasMore()) {
            int[] key = in.readKey();
            int field = key[0];
            if (field <= lastField) throw in.error(field == lastField ? "duplicate field " + field + " in PBLink" : "PBLink fields out of order");
            lastField = field;
            switch (field) {
                case 1 -> {
                    requireWire(in, key, ProtoReader.LENGTH_DELIMITED);
                    hash = in.readBytes();
                }
                case 2 -> {
                    requireWire(in, key, ProtoReader.LENGTH_DELIMITED);
                    name = utf8(in, in.readBytes());
                }
                case 3 -> {
                    requireWire(in, key, ProtoReader.VARINT);
                    long v = in.readVarint();
                    if (v < 0) throw in.error("Tsize exceeds 2^63-1");
                    tsize = v;
                }
                default -> throw in.error("unknown field " + field + " in PBLink");
            }
        }
        if (hash == null) throw in.error("link without Hash");
        try {
            return new PbLink(Cid.fromBytes(hash), name, tsize);
        } catch (MultiformatException e) {
            throw in.error("link Hash is not a CID: " + e.getMessage());
        }
    }

    /** The spec's order for links: ascending by name bytes, an absent name counting as empty. */
    private static void requireSortedLinks(List<PbLink> links) {
        byte[] previous = null;
        for (PbLink link : links) {
            byte[] name = link.name() == null ? EMPTY : link.name().getBytes(StandardCharsets.UTF_8);
            if (previous != null && Arrays.compareUnsigned(previous, name) > 0) {
                throw new CodecException("invalid_dag_pb", "invalid dag-pb: links must be sorted by name bytes (\""
                        + link.name() + "\" follows a greater name)");
            }
            previous = name;
        }
    }

    private static void requireWire(ProtoReader in, int[] key, int wire) {
        if (key[1] != wire) throw in.error("field " + key[0] + " has wire type " + key[1]);
    }

    private static String utf8(ProtoReader in, byte[] bytes) {
        String s = StrictUtf8.decodeOrNull(bytes);
        if (s == null) throw in.error("link name is not valid UTF-8");
        return s;
    }

    /** The CIDs a dag-pb block links to, in order. */
    public static List<Cid> links(byte[] bytes) {
        List<Cid> out = new ArrayList<>();
        for (PbLink l : decode(bytes).links()) out.add(l.hash());
        return out;
    }

}
