package io.cairn.node.cli;

import io.cairn.ipfs.unixfs.UnixfsExporter;
import io.cairn.multiformats.Cid;

/** Parses {@code CID}, {@code CID/path} and {@code /ipfs/CID/path} as Kubo's commands accept them. */
final class CidArgument {
    private CidArgument() {}

    static Cid resolve(String arg, UnixfsExporter exporter) {
        String s = arg.startsWith("/ipfs/") ? arg.substring(6) : arg;
        int slash = s.indexOf('/');
        Cid root = Cid.parse(slash < 0 ? s : s.substring(0, slash));
        return slash < 0 ? root : exporter.resolve(root, s.substring(slash + 1));
    }
}
