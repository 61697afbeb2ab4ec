package io.cairn.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.ipfs.block.MemoryBlockstore;
import io.cairn.ipfs.unixfs.ImportOptions;
import io.cairn.ipfs.unixfs.UnixfsImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CairnCliTest {
    @TempDir
    Path dir;

    CliRunner cli;
    byte[] data;
    Path file;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(dir.resolve("repo"));
        data = new byte[1_000_000];
        new SplittableRandom(1).nextBytes(data);
        file = Files.write(dir.resolve("photo.bin"), data);
    }

    private String addQuiet(String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "add";
        args[1] = "-Q";
        System.arraycopy(extra, 0, args, 2, extra.length);
        args[args.length - 1] = file.toString();
        CliRunner.Result r = cli.run(args);
        assertThat(r.exit()).as(r.stderr()).isZero();
        return r.out().trim();
    }

    @Test
    void addPrintsKuboStyleLinesAndTheSameCidsAsTheImporter() {
        CliRunner.Result r = cli.run("add", file.toString());
        String expected = new UnixfsImporter(new MemoryBlockstore(), ImportOptions.kubo()).importPath(file).root().toString();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("added " + expected + " photo.bin\n");
        String v1 = addQuiet("--cid-version", "1");
        assertThat(v1).isEqualTo(new UnixfsImporter(new MemoryBlockstore(), ImportOptions.kubo().withCidVersion(1).withRawLeaves(true)).importPath(file).root().toString());
        assertThat(addQuiet("--profile", "unixfs-v1-2025")).isEqualTo(
                new UnixfsImporter(new MemoryBlockstore(), ImportOptions.unixfsV1_2025()).importPath(file).root().toString());
        assertThat(addQuiet("--chunker", "size-1000", "--raw-leaves")).startsWith("Qm");
    }

    @Test
    void addsAFolderRecursivelyAndReadsItBack() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("site/css"));
        Files.writeString(dir.resolve("site/index.html"), "<h1>hi</h1>");
        Files.writeString(folder.resolve("a.css"), "body{}");
        CliRunner.Result noR = cli.run("add", dir.resolve("site").toString());
        assertThat(noR.exit()).isEqualTo(1);
        assertThat(noR.stderr()).contains("use the '-r' flag");

        CliRunner.Result r = cli.run("add", "-r", dir.resolve("site").toString());
        assertThat(r.exit()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[lines.length - 1]).startsWith("added ").endsWith(" site");
        String root = lines[lines.length - 1].split(" ")[1];
        assertThat(cli.run("cat", root + "/css/a.css").out()).isEqualTo("body{}");
        assertThat(cli.run("cat", "/ipfs/" + root + "/index.html").out()).isEqualTo("<h1>hi</h1>");
        CliRunner.Result get = cli.run("get", root, "-o", dir.resolve("copy").toString());
        assertThat(get.exit()).as(get.stderr()).isZero();
        assertThat(Files.readString(dir.resolve("copy/css/a.css"))).isEqualTo("body{}");
    }

    @Test
    void catReadsWholeFilesAndRanges() {
        String cid = addQuiet();
        assertThat(cli.run("cat", cid).stdout()).isEqualTo(data);
        assertThat(cli.run("cat", cid, "--offset", "300000", "--length", "500000").stdout()).isEqualTo(Arrays.copyOfRange(data, 300000, 800000));
        assertThat(cli.run("cat", cid, "-o", "999990").stdout()).isEqualTo(Arrays.copyOfRange(data, 999990, 1_000_000));
    }

    @Test
    void blockPutGetStatAndRm() {
        CliRunner.Result put = cli.runWithInput("hello block".getBytes(), "block", "put");
        assertThat(put.exit()).isZero();
        String cid = put.out().trim();
        assertThat(cid).startsWith("bafkrei");
        assertThat(cli.run("block", "get", cid).out()).isEqualTo("hello block");
        assertThat(cli.run("block", "stat", cid).out()).isEqualTo("Key: " + cid + "\nSize: 11\n");
        assertThat(cli.run("block", "rm", cid).exit()).isZero();
        CliRunner.Result gone = cli.run("block", "get", cid);
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.stderr()).contains("not found");
        CliRunner.Result notCbor = cli.runWithInput(new byte[] {(byte) 0x18, 0x01}, "block", "put", "--cid-codec", "dag-cbor");
        assertThat(notCbor.exit()).isEqualTo(1);
        assertThat(notCbor.stderr()).startsWith("Error: invalid DAG-CBOR");
    }

    @Test
    void dagExportAndImportRoundTripThroughAnotherRepo() throws IOException {
        String cid = addQuiet();
        CliRunner.Result car = cli.run("dag", "export", cid);
        assertThat(car.exit()).isZero();
        Path carFile = Files.write(dir.resolve("x.car"), car.stdout());
        CliRunner other = new CliRunner(dir.resolve("repo2"));
        CliRunner.Result imported = other.run("dag", "import", carFile.toString());
        assertThat(imported.exit()).as(imported.stderr()).isZero();
        assertThat(imported.out()).isEqualTo("Pinned root\t" + cid + "\tsuccess\n");
        assertThat(other.run("cat", cid).stdout()).isEqualTo(data);
    }

    @Test
    void pinsAndGarbageCollection() {
        String cid = addQuiet("--pin=false");
        assertThat(cli.run("pin", "ls", "--type", "recursive").out()).isEmpty();
        assertThat(cli.run("pin", "add", cid).out()).isEqualTo("pinned " + cid + " recursively\n");
        assertThat(cli.run("pin", "ls", "--type", "recursive").out()).isEqualTo(cid + " recursive\n");
        assertThat(cli.run("pin", "ls").out()).contains(" indirect");
        assertThat(cli.run("repo", "gc").out()).startsWith("removed 0 blocks");
        assertThat(cli.run("pin", "rm", cid).exit()).isZero();
        assertThat(cli.run("repo", "gc").out()).doesNotStartWith("removed 0 blocks");
        assertThat(cli.run("cat", cid).exit()).isEqualTo(1);
        assertThat(cli.run("repo", "stat").out()).contains("NumObjects: 0");
        assertThat(cli.run("repo", "verify").out()).contains("verified repo integrity");
    }

    @Test
    void repoGcKeepsTheDataOfDwnRecords() throws IOException {
        byte[] data = new byte[600_000];
        new SplittableRandom(3).nextBytes(data);
        String dataCid;
        try (io.cairn.ipfs.repo.Repo repo = io.cairn.ipfs.repo.Repo.open(dir.resolve("repo"));
                io.cairn.storage.DwnStores stores = io.cairn.storage.DwnStores.open(repo)) {
            dataCid = stores.dataCidComputer().computeCid(new java.io.ByteArrayInputStream(data));
            stores.dataStore().put("did:example:alice", "record1", dataCid, new java.io.ByteArrayInputStream(data));
        }
        assertThat(cli.run("repo", "gc").out()).startsWith("removed 0 blocks");
        try (io.cairn.ipfs.repo.Repo repo = io.cairn.ipfs.repo.Repo.open(dir.resolve("repo"));
                io.cairn.storage.DwnStores stores = io.cairn.storage.DwnStores.open(repo);
                java.io.InputStream in = stores.dataStore().get("did:example:alice", "record1", dataCid).orElseThrow().data()) {
            assertThat(in.readAllBytes()).isEqualTo(data);
            stores.dataStore().delete("did:example:alice", "record1", dataCid);
        }
        assertThat(cli.run("repo", "gc").out()).doesNotStartWith("removed 0 blocks");
        assertThat(cli.run("repo", "stat").out()).contains("NumObjects: 0");
    }

    @Test
    void badInputGivesAnErrorLineAndANonZeroExitWithoutAStackTrace() throws IOException {
        CliRunner.Result badCid = cli.run("cat", "not-a-cid");
        assertThat(badCid.exit()).isEqualTo(1);
        assertThat(badCid.stderr()).startsWith("Error: invalid cid").doesNotContain("\tat ");
        Path truncated = Files.write(dir.resolve("t.car"), Arrays.copyOf(cli.run("dag", "export", addQuiet()).stdout(), 500));
        CliRunner.Result badCar = cli.run("dag", "import", truncated.toString());
        assertThat(badCar.exit()).isEqualTo(1);
        assertThat(badCar.stderr()).startsWith("Error: invalid CAR");
        CliRunner.Result missing = cli.run("cat", "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.stderr()).contains("not found");
        CliRunner.Result usage = cli.run("cat");
        assertThat(usage.exit()).isEqualTo(2);
        CliRunner.Result badChunker = cli.run("add", "--chunker", "rabin", file.toString());
        assertThat(badChunker.exit()).isEqualTo(1);
        assertThat(badChunker.stderr()).contains("chunker");
        assertThat(cli.run("repo", "verify").exit()).isZero();
    }

    @Test
    void aFullDiskIsAClearErrorAndLeavesTheRepoIntact() {
        String cid = addQuiet();
        CliRunner.Result full = cli.run("get", cid, "-o", "/dev/full"); // every write to /dev/full fails with ENOSPC
        assertThat(full.exit()).isEqualTo(3);
        assertThat(full.stderr()).startsWith("Error: no space left on device").doesNotContain("\tat ");
        assertThat(cli.run("repo", "verify").exit()).isZero();
        assertThat(cli.run("cat", cid).stdout()).isEqualTo(data);
    }

    @Test
    void addReadsStdinAndNamesTheEntryByItsCidAsKuboDoes() {
        CliRunner.Result r = cli.runWithInput("from stdin".getBytes(), "add");
        assertThat(r.exit()).as(r.stderr()).isZero();
        String cid = new UnixfsImporter(new MemoryBlockstore(), ImportOptions.kubo())
                .importFile(new java.io.ByteArrayInputStream("from stdin".getBytes())).root().toString();
        assertThat(r.out()).isEqualTo("added " + cid + " " + cid + "\n");
        assertThat(cli.run("pin", "ls", cid).out()).isEqualTo(cid + " recursive\n");
    }

    @Test
    void dagImportReadsStdinAndRejectsACorruptBlock() {
        String cid = addQuiet();
        byte[] car = cli.run("dag", "export", cid).stdout();
        CliRunner other = new CliRunner(dir.resolve("repo2"));
        assertThat(other.runWithInput(car, "dag", "import").out()).isEqualTo("Pinned root\t" + cid + "\tsuccess\n");
        byte[] corrupt = car.clone();
        corrupt[corrupt.length - 10] ^= 1; // inside the last block's bytes: they no longer match its CID
        CliRunner third = new CliRunner(dir.resolve("repo3"));
        CliRunner.Result bad = third.runWithInput(corrupt, "dag", "import");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.stderr()).startsWith("Error: ").doesNotContain("\tat ");
        assertThat(third.run("pin", "ls", "--type", "recursive").out()).isEmpty();
    }

    @Test
    void aMissingInputFileIsBadInputNotAStorageFailure() {
        CliRunner.Result put = cli.run("block", "put", dir.resolve("nope.bin").toString());
        assertThat(put.exit()).isEqualTo(1);
        assertThat(put.stderr()).isEqualTo("Error: " + dir.resolve("nope.bin") + ": no such file or directory\n");
        CliRunner.Result car = cli.run("dag", "import", dir.resolve("nope.car").toString());
        assertThat(car.exit()).isEqualTo(1);
        assertThat(car.stderr()).contains("nope.car").contains("no such file");
        CliRunner.Result add = cli.run("add", dir.resolve("nope.txt").toString());
        assertThat(add.exit()).isEqualTo(1);
        assertThat(add.stderr()).contains("no such file or directory");
    }

    @Test
    void debugAddsTheStackTraceThatIsOtherwiseHidden() {
        assertThat(cli.run("block", "get", "not-a-cid").stderr()).doesNotContain("\tat ");
        assertThat(cli.run("--debug", "block", "get", "not-a-cid").stderr()).contains("\tat io.cairn.");
    }

    @Test
    void theRepoComesFromCairnRepoWhenNoFlagIsGiven() throws IOException {
        Path envRepo = dir.resolve("env-repo");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = CairnCli.run(new String[] {"add", "-Q", file.toString()}, java.io.InputStream.nullInputStream(), out,
                new java.io.PrintStream(err, true), java.util.Map.of("CAIRN_REPO", envRepo.toString()));
        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.isDirectory(envRepo)).isTrue();
        assertThat(new CliRunner(envRepo).run("cat", out.toString().trim()).stdout()).isEqualTo(data);
    }

    @Test
    void theProgressBarAppearsOnlyOnATerminalAndForLargeInputs() throws IOException {
        byte[] big = new byte[9 << 20];
        new SplittableRandom(2).nextBytes(big);
        Path bigFile = Files.write(dir.resolve("big.bin"), big);
        assertThat(runAdd(bigFile, true)).contains("MiB");
        assertThat(runAdd(bigFile, false)).isEmpty();
        assertThat(runAdd(file, true)).isEmpty(); // 1 MB: over before a bar would help
    }

    private String runAdd(Path f, boolean terminal) {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = CairnCli.run(new String[] {"--repo", dir.resolve("repo").toString(), "add", "-Q", f.toString()},
                java.io.InputStream.nullInputStream(), java.io.OutputStream.nullOutputStream(), new java.io.PrintStream(err, true),
                java.util.Map.of(), terminal);
        assertThat(code).isZero();
        return err.toString();
    }
}
