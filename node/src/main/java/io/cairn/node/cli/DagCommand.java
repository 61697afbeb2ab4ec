package io.cairn.node.cli;

import io.cairn.ipfs.car.CarExporter;
import io.cairn.ipfs.car.CarImportResult;
import io.cairn.ipfs.car.CarImporter;
import io.cairn.ipfs.repo.Repo;
import io.cairn.ipfs.repo.WriteGuard;
import io.cairn.multiformats.Cid;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn dag export|import}: DAGs as CAR files, as {@code ipfs dag}. */
@Command(name = "dag", description = "Export and import DAGs as CAR files.",
        subcommands = {DagCommand.Export.class, DagCommand.Import.class})
final class DagCommand {

    @Command(name = "export", description = "Write the DAG under CID to stdout as a CARv1.")
    static final class Export extends CliCommand {
        @Parameters(paramLabel = "CID")
        String cid;

        @Mixin
        NodeOptions node;

        @Override
        void run() throws Exception {
            Cid root = Cid.parse(cid);
            Optional<KuboRpcClient> api = node.node(this);
            if (api.isPresent()) {
                OutputStream out = new BufferedOutputStream(cli().stdout, 1 << 20);
                api.get().copy(api.get().post("dag/export", List.of(Map.entry("arg", root.toString()))), out);
                out.flush();
                return;
            }
            try (Repo repo = node.openRepo(this)) {
                OutputStream out = new BufferedOutputStream(cli().stdout, 1 << 20);
                CarExporter.exportDag(repo.blockstore(), root, out);
                out.flush();
            }
        }
    }

    @Command(name = "import", description = "Import CAR files (or stdin); pins their roots.")
    static final class Import extends CliCommand {
        @Parameters(paramLabel = "FILE", arity = "0..*")
        List<Path> files;

        @Option(names = "--pin-roots", arity = "1", defaultValue = "true", description = "Pin the roots (default true).")
        boolean pinRoots;

        @Mixin
        NodeOptions node;

        @Override
        void run() throws Exception {
            Optional<KuboRpcClient> api = node.node(this);
            if (api.isPresent()) {
                List<InputStream> inputs = new java.util.ArrayList<>();
                for (Path f : files == null || files.isEmpty() ? List.<Path>of() : files) inputs.add(open(f));
                if (files == null || files.isEmpty()) inputs.add(cli().stdin);
                for (InputStream in : inputs) {
                    MultipartUpload upload = MultipartUpload.ofStream(in);
                    KuboRpcClient rpc = api.get();
                    rpc.lines(rpc.postMultipart("dag/import", List.of(Map.entry("pin-roots", Boolean.toString(pinRoots))), upload.boundary,
                            () -> upload.body(b -> {})), line -> out().println("Pinned root\t" + line.path("Root").path("Cid").path("/").asText() + "\tsuccess"));
                }
                return;
            }
            try (Repo repo = node.openRepo(this); WriteGuard guard = repo.beginWrite()) {
                for (Path f : files == null || files.isEmpty() ? List.<Path>of() : files) importOne(repo, open(f));
                if (files == null || files.isEmpty()) importOne(repo, cli().stdin);
            }
        }

        private InputStream open(Path f) throws java.io.IOException {
            try {
                return Files.newInputStream(f);
            } catch (NoSuchFileException e) {
                throw new io.cairn.error.CairnException(io.cairn.error.CairnException.Kind.BAD_INPUT, "no_such_file", f + ": no such file");
            }
        }

        private void importOne(Repo repo, InputStream raw) throws java.io.IOException {
            try (InputStream in = new BufferedInputStream(raw, 1 << 20)) {
                CarImportResult r = CarImporter.importCar(in, repo.blockstore());
                for (Cid root : r.roots()) {
                    if (pinRoots) {
                        repo.pins().pinRecursive(root);
                        out().println("Pinned root\t" + root + "\tsuccess");
                    }
                }
            }
        }
    }
}
