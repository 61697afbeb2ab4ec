package io.cairn.ipfs.car;

import io.cairn.codec.dagcbor.DagCbor;
import io.cairn.ipfs.block.Block;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.Varint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a CARv1: a DAG-CBOR header {roots, version: 1}, then length-prefixed (CID, bytes) sections. */
public final class CarWriter implements AutoCloseable {
    private final OutputStream out;

    public CarWriter(OutputStream out, List<Cid> roots) {
        this.out = out;
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("roots", List.copyOf(roots));
        header.put("version", 1L);
        byte[] h = DagCbor.encode(header);
        try {
            out.write(Varint.encode(h.length));
            out.write(h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(Block block) {
        byte[] cid = block.cid().toBytes();
        try {
            out.write(Varint.encode((long) cid.length + block.data().length));
            out.write(cid);
            out.write(block.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
