package io.cairn.node.cli;

import io.cairn.error.CairnException;
import io.cairn.ipfs.repo.Repo;
import io.cairn.node.rpc.IpfsPath;
import io.cairn.ipfs.unixfs.UnixfsExporter;
import io.cairn.multiformats.Cid;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn get}: writes a file or directory tree to disk. */
@Command(name = "get", description = "Save a UnixFS file or directory to disk.")
final class GetCommand extends CliCommand {
    @Parameters(paramLabel = "CID", description = "CID, CID/path or /ipfs/CID/path.")
    String target;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH", description = "Where to write (default: the CID).")
    Path output;

    @Override
    void run() {
        try (Repo repo = openRepo()) {
            UnixfsExporter exporter = new UnixfsExporter(repo.blockstore());
            Cid cid = IpfsPath.resolve(target, exporter);
            Path to = output != null ? output : Path.of(cid.toString());
            if (Files.exists(to) && !Files.isDirectory(to) && exporter.stat(cid).isDirectory()) {
                throw new CairnException(CairnException.Kind.CONFLICT, "exists", to + " exists and is not a directory");
            }
            exporter.exportTo(cid, to);
            out().println("Saving file(s) to " + to);
        }
    }
}
