package io.cairn.node.cli;

import io.cairn.error.CairnException;
import io.cairn.ipfs.repo.Repo;
import io.cairn.ipfs.repo.WriteGuard;
import io.cairn.ipfs.unixfs.ImportOptions;
import io.cairn.ipfs.unixfs.ImportResult;
import io.cairn.ipfs.unixfs.UnixfsImporter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn add}: imports files or directories as UnixFS and pins the roots, as {@code ipfs add}. */
@Command(name = "add", description = "Add a file or directory (with -r) to the repo; prints the CIDs.")
final class AddCommand extends CliCommand {
    /** Below this many bytes an add is too quick for a progress bar to help. */
    static final long PROGRESS_THRESHOLD = 8L << 20;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or directories to add ('-' or none: stdin).")
    List<String> paths;

    @Option(names = {"-r", "--recursive"}, description = "Add directories recursively.")
    boolean recursive;

    @Option(names = "--cid-version", paramLabel = "0|1", description = "CID version (default 0, as Kubo; 1 implies --raw-leaves).")
    Integer cidVersion;

    @Option(names = "--raw-leaves", arity = "0..1", fallbackValue = "true", description = "Use raw blocks for leaf nodes.")
    Boolean rawLeaves;

    @Option(names = {"-s", "--chunker"}, paramLabel = "size-N", description = "Chunking algorithm (size-N, default size-262144).")
    String chunker;

    @Option(names = "--max-links", paramLabel = "N", description = "Links per tree node (default 174).")
    Integer maxLinks;

    @Option(names = "--profile", paramLabel = "NAME", description = "Import profile: kubo (default), helia, unixfs-v1-2025.")
    String profile;

    @Option(names = {"-q", "--quiet"}, description = "Print only the CIDs.")
    boolean quiet;

    @Option(names = {"-Q", "--quieter"}, description = "Print only the final root CID.")
    boolean quieter;

    @Option(names = "--pin", arity = "1", defaultValue = "true", description = "Pin the added roots (default true).")
    boolean pin;

    @Mixin
    NodeOptions node;

    @Option(names = "--progress", arity = "0..1", fallbackValue = "true", description = "Show a progress bar on stderr (default: when stderr is a terminal and the input is over 8 MiB).")
    Boolean progress;

    ImportOptions options() {
        ImportOptions o = profile == null ? ImportOptions.kubo() : ImportOptions.profile(profile);
        if (cidVersion != null) o = o.withCidVersion(cidVersion);
        boolean raw = rawLeaves != null ? rawLeaves : (cidVersion != null && profile == null ? cidVersion == 1 : o.rawLeaves());
        o = o.withRawLeaves(raw);
        if (chunker != null) o = o.withChunker(chunker);
        if (maxLinks != null) o = o.withMaxLinksPerNode(maxLinks);
        return o;
    }

    @Override
    void run() throws Exception {
        ImportOptions options = options();
        List<String> inputs = paths == null || paths.isEmpty() ? List.of("-") : paths;
        PrintStream out = out();
        boolean autoProgress = progress == null && cli().stderrIsTerminal;
        Optional<KuboRpcClient> api = node.node(this);
        if (api.isPresent()) {
            for (String input : inputs) addThrough(api.get(), input, options, out, autoProgress);
            return;
        }
        try (Repo repo = node.openRepo(this); WriteGuard guard = repo.beginWrite()) {
            UnixfsImporter importer = new UnixfsImporter(repo.blockstore(), options);
            for (String input : inputs) {
                ImportResult result;
                if (input.equals("-")) {
                    result = importer.importFile(cli().stdin);
                    print(out, result.root().toString(), result.root().toString(), true);
                } else {
                    Path path = checkedPath(input);
                    long total = totalSize(path);
                    boolean showProgress = progress != null ? progress : autoProgress && total >= PROGRESS_THRESHOLD;
                    ProgressBar bar = showProgress ? new ProgressBar(cli().stderr, total) : null;
                    String rootName = path.getFileName() == null ? input : path.getFileName().toString();
                    result = importer.importPath(path,
                            e -> print(out, e.cid().toString(), e.path(), e.path().equals(rootName)),
                            bar == null ? b -> {} : bar::update);
                    if (bar != null) bar.finish();
                }
                if (pin) repo.pins().pinRecursive(result.root());
            }
        }
    }

    private Path checkedPath(String input) {
        Path path = Path.of(input);
        if (!Files.exists(path)) throw bad(input + ": no such file or directory");
        if (Files.isDirectory(path) && !recursive) throw bad(input + " is a directory, use the '-r' flag to specify directories");
        return path;
    }

    /** One input through the node's {@code /api/v0/add}, with the options resolved here and the same lines printed. */
    private void addThrough(KuboRpcClient api, String input, ImportOptions o, PrintStream out, boolean autoProgress) throws java.io.IOException {
        MultipartUpload upload;
        String rootName;
        ProgressBar bar = null;
        if (input.equals("-")) {
            upload = MultipartUpload.ofStream(cli().stdin);
            rootName = null;
        } else {
            Path path = checkedPath(input);
            rootName = path.getFileName() == null ? input : path.getFileName().toString();
            upload = MultipartUpload.ofPath(path, rootName);
            long total = totalSize(path);
            if (progress != null ? progress : autoProgress && total >= PROGRESS_THRESHOLD) bar = new ProgressBar(cli().stderr, total);
        }
        List<java.util.Map.Entry<String, String>> query = new java.util.ArrayList<>(List.of(
                java.util.Map.entry("cid-version", Integer.toString(o.cidVersion())),
                java.util.Map.entry("raw-leaves", Boolean.toString(o.rawLeaves())),
                java.util.Map.entry("chunker", "size-" + o.chunkSize()),
                java.util.Map.entry("max-file-links", Integer.toString(o.maxLinksPerNode())),
                java.util.Map.entry("pin", Boolean.toString(pin))));
        if (profile != null) query.add(java.util.Map.entry("profile", profile));
        ProgressBar shown = bar;
        java.io.InputStream response = api.postMultipart("add", query, upload.boundary,
                () -> upload.body(shown == null ? b -> {} : shown::update));
        api.lines(response, event -> {
            String name = event.path("Name").asText(), cid = event.path("Hash").asText();
            print(out, cid, name, rootName == null || name.equals(rootName));
        });
        if (bar != null) bar.finish();
    }

    private void print(PrintStream out, String cid, String name, boolean isRoot) {
        if (quieter) {
            if (isRoot) out.println(cid);
        } else if (quiet) {
            out.println(cid);
        } else {
            out.println("added " + cid + " " + name);
        }
    }

    private static long totalSize(Path p) throws java.io.IOException {
        if (!Files.isDirectory(p)) return Files.size(p);
        try (var s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static CairnException bad(String message) {
        return new CairnException(CairnException.Kind.BAD_INPUT, "invalid_argument", message);
    }
}
