package io.cairn.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.interop.NodePeer;
import io.cairn.ipfs.block.MemoryBlockstore;
import io.cairn.ipfs.unixfs.ImportOptions;
import io.cairn.ipfs.unixfs.UnixfsImporter;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn add|cat|pin} while a real {@code cairn serve} process holds the repo: the CLI finds the
 * node through {@code <repo>/api} and goes through its Kubo RPC API, printing exactly what the same
 * commands print on a repo of their own (offline), with the same exit codes; what it adds is served by
 * the node's gateway at once. kubo-rpc-client, the reference client, adds and cats against the same node
 * and gets Cairn's importer's CIDs and the same bytes back. A stale api file is ignored.
 */
@Tag("interop")
class KuboRpcThroughServeTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private static String run(CliRunner cli, byte[] stdin, String... args) {
        CliRunner.Result r = cli.runWithInput(stdin, args);
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.stderr()).isZero();
        return r.out();
    }

    /** Runs the same command through the node and offline; both must print the same and exit the same. */
    private static String same(CliRunner throughNode, CliRunner offline, byte[] stdin, String... args) {
        CliRunner.Result a = throughNode.runWithInput(stdin, args), b = offline.runWithInput(stdin, args);
        assertThat(a.out()).as("stdout of " + String.join(" ", args)).isEqualTo(b.out());
        assertThat(a.stderr()).as("stderr of " + String.join(" ", args)).isEqualTo(b.stderr());
        assertThat(a.exit()).as("exit of " + String.join(" ", args)).isEqualTo(b.exit());
        return a.out();
    }

    @Test
    void theCliAndKubosClientGoThroughTheRunningNode() throws Exception {
        Path repo = dir.resolve("repo");
        Path config = Files.writeString(dir.resolve("cairn.toml"), "[node]\nrepo = \"" + repo + "\"\nhttp_port = 0\n");
        byte[] data = new byte[1_300_000];
        new Random(11).nextBytes(data);
        Path file = Files.write(dir.resolve("data.bin"), data);
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.createDirectories(tree.resolve("sub"));
        Files.writeString(tree.resolve("a.txt"), "alpha");
        Files.writeString(tree.resolve("sub/b.txt"), "beta");
        Files.createDirectories(tree.resolve("empty"));
        Files.createSymbolicLink(tree.resolve("link"), Path.of("a.txt"));
        CliRunner cli = new CliRunner(repo), offline = new CliRunner(dir.resolve("offline-repo"));
        byte[] none = new byte[0];

        try (ServeChild server = new ServeChild(config)) {
            String added = same(cli, offline, none, "add", file.toString());
            String v0 = added.split(" ")[1];
            assertThat(v0).isEqualTo(new UnixfsImporter(new MemoryBlockstore(), ImportOptions.kubo()).importFile(new ByteArrayInputStream(data)).root().toString());
            HttpResponse<byte[]> served = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/ipfs/" + v0))).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(served.body()).as("the node's gateway serves the add at once").isEqualTo(data);

            String v1 = same(cli, offline, data, "add", "--cid-version", "1", "-Q").trim();
            assertThat(v1).startsWith("bafy");
            same(cli, offline, data, "add", "--raw-leaves", "--chunker", "size-1000", "-q", "-");
            same(cli, offline, none, "add", "-r", tree.toString());
            same(cli, offline, none, "add", "-r", "--profile", "unixfs-v1-2025", "-Q", tree.toString());
            same(cli, offline, none, "add", tree.toString());
            same(cli, offline, none, "add", dir.resolve("absent").toString());
            same(cli, offline, none, "add", "--chunker", "rabin", file.toString());

            same(cli, offline, none, "cat", v0);
            assertThat(cli.run("cat", v0).stdout()).isEqualTo(data);
            byte[] range = cli.run("cat", "--offset", "1000", "--length", "70000", v1).stdout();
            assertThat(range).isEqualTo(Arrays.copyOfRange(data, 1000, 71000));
            assertThat(offline.run("cat", "--offset", "1000", "--length", "70000", v1).stdout()).isEqualTo(range);
            String treeRoot = run(cli, none, "add", "-Q", "-r", tree.toString()).trim();
            assertThat(same(cli, offline, none, "cat", "/ipfs/" + treeRoot + "/sub/b.txt")).isEqualTo("beta");
            same(cli, offline, none, "cat", treeRoot);
            same(cli, offline, none, "cat", "not-a-cid");
            same(cli, offline, none, "cat", "--offset", "-1", v0);
            same(cli, offline, none, "cat", "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");

            same(cli, offline, none, "pin", "ls", "--type", "recursive");
            same(cli, offline, none, "pin", "ls");
            same(cli, offline, none, "pin", "rm", v0);
            same(cli, offline, none, "pin", "ls", v0);
            same(cli, offline, none, "pin", "add", "-r", "false", v0);
            same(cli, offline, none, "pin", "ls", v0);
            same(cli, offline, none, "pin", "ls", "--type", "sideways");

            Path blockFile = Files.write(dir.resolve("block.bin"), "a raw block".getBytes());
            String key = same(cli, offline, none, "block", "put", blockFile.toString()).trim();
            same(cli, offline, none, "block", "stat", key);
            assertThat(same(cli, offline, none, "block", "get", key)).isEqualTo("a raw block");
            same(cli, offline, "not cbor".getBytes(), "block", "put", "--cid-codec", "dag-cbor");
            same(cli, offline, none, "block", "stat", "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
            byte[] car = cli.run("dag", "export", treeRoot).stdout();
            assertThat(car).isEqualTo(offline.run("dag", "export", treeRoot).stdout());
            Path carFile = Files.write(dir.resolve("tree.car"), car);
            same(cli, offline, none, "dag", "import", carFile.toString());
            same(cli, offline, car, "dag", "import");
            same(cli, offline, "junk".getBytes(), "dag", "import");
            same(cli, offline, none, "block", "rm", key);
            same(cli, offline, none, "block", "rm", key);
            same(cli, offline, none, "block", "rm", v0);

            CliRunner.Result refused = cli.run("cat", "--offline", v0);
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.stderr()).contains("is in use by another process").contains("--offline keeps this command off the node");

            // the reference client, against the same node
            JsonNode js = NodePeer.runJson("../kubo-rpc/add-cat.mjs", server.url(""), file.toString());
            assertThat(js.path("v0").path("cid").asText()).isEqualTo(v0);
            assertThat(js.path("v0").path("progressed").asLong()).as("the client's progress callback saw every byte").isEqualTo(data.length);
            assertThat(js.path("v1").path("cid").asText()).isEqualTo(new UnixfsImporter(new MemoryBlockstore(),
                    ImportOptions.kubo().withCidVersion(1).withRawLeaves(true).withChunkSize(65536)).importFile(new ByteArrayInputStream(data)).root().toString());
            assertThat(js.path("v1").path("path").asText()).isEqualTo("named.bin");
            assertThat(Base64.getDecoder().decode(js.path("whole").asText())).isEqualTo(data);
            assertThat(Base64.getDecoder().decode(js.path("range").asText())).isEqualTo(Arrays.copyOfRange(data, 1000, 6000));
            Path jsTree = Files.createDirectories(dir.resolve("js/tree"));
            Files.createDirectories(jsTree.resolve("sub"));
            Files.writeString(jsTree.resolve("a.txt"), "alpha");
            Files.writeString(jsTree.resolve("sub/b.txt"), "beta");
            JsonNode wrapped = js.path("tree").get(js.path("tree").size() - 1);
            assertThat(wrapped.path("path").asText()).isEmpty();
            assertThat(wrapped.path("cid").asText()).isEqualTo(new UnixfsImporter(new MemoryBlockstore(), ImportOptions.kubo()).importPath(dir.resolve("js")).root().toString());
            assertThat(js.path("version").asText()).isEqualTo(io.cairn.node.CairnNode.VERSION);
            assertThat(js.path("missingError").asText()).contains("not found");
            assertThat(js.path("block").path("bytes").asText()).isEqualTo("a block from kubo-rpc-client");
            assertThat(js.path("block").path("size").asInt()).isEqualTo("a block from kubo-rpc-client".length());
            assertThat(js.path("block").path("cid").asText()).isEqualTo(io.cairn.multiformats.Cid.v1(io.cairn.multiformats.Multicodec.RAW,
                    io.cairn.multiformats.Multihash.digest(io.cairn.multiformats.Multicodec.ofName("sha2-256"), "a block from kubo-rpc-client".getBytes())).toString());
            assertThat(js.path("repo").path("repoPath").asText()).isEqualTo(repo.toString());
            assertThat(js.path("pins").toString()).contains(v0).contains(wrapped.path("cid").asText());

            assertThat(run(cli, none, "repo", "gc")).matches("removed \\d+ blocks \\(\\d+ bytes\\), kept \\d+\n");
            assertThat(run(cli, none, "cat", "/ipfs/" + treeRoot + "/sub/b.txt")).as("gc keeps what is pinned").isEqualTo("beta");
            assertThat(run(cli, none, "repo", "stat")).contains("RepoPath:   " + repo + "\n").contains("Version:    cairn-repo@1\n");

            server.kill(); // SIGKILL: the api file stays behind, naming a port where nothing answers
        }
        assertThat(repo.resolve("api")).exists();
        assertThat(run(cli, none, "add", "-Q", file.toString())).as("a stale api file is ignored").isEqualTo(v0Of(data) + "\n");
        assertThat(cli.run("cat", "--length", "4", v0Of(data)).stdout()).isEqualTo(Arrays.copyOf(data, 4));
    }

    private static String v0Of(byte[] data) {
        return new UnixfsImporter(new MemoryBlockstore(), ImportOptions.kubo()).importFile(new ByteArrayInputStream(data)).root().toString();
    }
}
