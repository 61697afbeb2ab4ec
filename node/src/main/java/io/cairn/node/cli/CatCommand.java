package io.cairn.node.cli;

import io.cairn.ipfs.repo.Repo;
import io.cairn.node.rpc.IpfsPath;
import io.cairn.ipfs.unixfs.UnixfsExporter;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import io.cairn.ipfs.unixfs.UnixfsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn cat}: writes a file's bytes, or a byte range of them, to stdout. */
@Command(name = "cat", description = "Show the bytes of a UnixFS file.")
final class CatCommand extends CliCommand {
    @Parameters(paramLabel = "CID", arity = "1..*", description = "CID, CID/path or /ipfs/CID/path of a file.")
    List<String> targets;

    @Option(names = {"-o", "--offset"}, paramLabel = "N", defaultValue = "0", description = "Byte offset to begin reading from.")
    long offset;

    @Option(names = {"-l", "--length"}, paramLabel = "N", defaultValue = "-1", description = "Maximum number of bytes to read.")
    long length;

    @Mixin
    NodeOptions node;

    @Override
    void run() throws Exception {
        Optional<KuboRpcClient> api = node.node(this);
        if (api.isPresent()) {
            if (offset < 0) throw UnixfsException.badRange("offset must not be negative: " + offset);
            if (length < -1) throw UnixfsException.badRange("length must not be negative: " + length);
            OutputStream out = new BufferedOutputStream(cli().stdout, 1 << 20);
            for (String t : targets) {
                List<Map.Entry<String, String>> query = new ArrayList<>(List.of(Map.entry("arg", t), Map.entry("offset", Long.toString(offset))));
                if (length >= 0) query.add(Map.entry("length", Long.toString(length)));
                api.get().copy(api.get().post("cat", query), out);
            }
            out.flush();
            return;
        }
        try (Repo repo = node.openRepo(this)) {
            UnixfsExporter exporter = new UnixfsExporter(repo.blockstore());
            OutputStream out = new BufferedOutputStream(cli().stdout, 1 << 20);
            for (String t : targets) exporter.read(IpfsPath.resolve(t, exporter), offset, length, out);
            out.flush();
        }
    }
}
