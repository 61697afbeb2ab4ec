package io.cairn.node.rpc;

import io.cairn.ipfs.unixfs.UnixfsExporter;
import io.cairn.multiformats.Cid;

/** {@code CID}, {@code CID/path} or {@code /ipfs/CID/path}, resolved through UnixFS directories, as Kubo's commands take paths. */
public final class IpfsPath {
    private IpfsPath() {}

    public static Cid resolve(String arg, UnixfsExporter exporter) {
        String s = arg.startsWith("/ipfs/") ? arg.substring(6) : arg;
        int slash = s.indexOf('/');
        Cid root = Cid.parse(slash < 0 ? s : s.substring(0, slash));
        String rest = slash < 0 ? "" : s.substring(slash + 1);
        while (rest.endsWith("/")) rest = rest.substring(0, rest.length() - 1);
        return rest.isEmpty() ? root : exporter.resolve(root, rest);
    }
}
