package io.cairn.codec.dagpb;

import io.cairn.codec.StrictUtf8;
import io.cairn.codec.protobuf.ProtoReader;
import io.cairn.codec.protobuf.ProtoWriter;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.MultiformatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The dag-pb codec as the IPLD spec defines it: links (field 2) are written before data (field 1),
 * link fields in the order Hash, Name, Tsize. The decoder accepts only that canonical form.
 */
public final class DagPb {
    private static final String NAME = "dag-pb";

    private DagPb() {}

    public static byte[] encode(PbNode node) {
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
        while (in.hasMore()) {
            int[] key = in.readKey();
            if (key[1] != ProtoReader.LENGTH_DELIMITED) throw in.error("field " + key[0] + " has wire type " + key[1]);
            if (key[0] == 2) {
                if (data != null) throw in.error("links after data");
                links.add(decodeLink(in.readEmbedded()));
            } else if (key[0] == 1) {
                if (data != null) throw in.error("duplicate data field");
                data = in.readBytes();
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
