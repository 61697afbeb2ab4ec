package io.cairn.node.cli;

import io.cairn.ipfs.repo.Repo;
import io.cairn.ipfs.unixfs.UnixfsExporter;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.util.List;
import picocli.CommandLine.Command;
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

    @Override
    void run() throws Exception {
        try (Repo repo = openRepo()) {
            UnixfsExporter exporter = new UnixfsExporter(repo.blockstore());
            OutputStream out = new BufferedOutputStream(cli().stdout, 1 << 20);
            for (String t : targets) exporter.read(CidArgument.resolve(t, exporter), offset, length, out);
            out.flush();
        }
    }
}
