package io.cairn.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.cairn.anchor.Digest;
import io.cairn.error.CairnException;
import io.cairn.node.CairnNode;
import io.cairn.node.config.ConfigLoader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code cairn anchor} finds the node holding its repo: {@code <repo>/api} in Kubo's multiaddr form,
 * used only when a live Cairn node serving that very repo answers there; a stale file (nothing
 * listening, something else listening, a node of another repo) is ignored and the repo opened directly.
 */
class AnchorApiFileTest {
    private static final String HASH = "5a".repeat(32);

    @TempDir
    Path dir;

    @Test
    void theFileHoldsAMultiaddrAsKuboWritesIt() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        ApiFile.write(repo, new InetSocketAddress("0.0.0.0", 3000));
        assertThat(Files.readString(repo.resolve("api"))).isEqualTo("/ip4/127.0.0.1/tcp/3000");
        assertThat(ApiFile.read(repo)).contains(URI.create("http://127.0.0.1:3000"));
        ApiFile.write(repo, new InetSocketAddress("::", 5001));
        assertThat(Files.readString(repo.resolve("api"))).isEqualTo("/ip6/::1/tcp/5001");
        assertThat(ApiFile.read(repo)).contains(URI.create("http://[::1]:5001"));
        ApiFile.delete(repo);
        assertThat(ApiFile.read(repo)).isEmpty();

        assertThat(ApiFile.toUrl("/ip4/10.0.0.2/tcp/8080/http")).isEqualTo(URI.create("http://10.0.0.2:8080"));
        assertThat(ApiFile.toUrl("/dns4/node.example/tcp/443")).isEqualTo(URI.create("http://node.example:443"));
        assertThat(ApiFile.toUrl("http://127.0.0.1:3000/")).isEqualTo(URI.create("http://127.0.0.1:3000"));
        for (String bad : new String[] {"", "/ip4/127.0.0.1/udp/3000", "/ip4/127.0.0.1/tcp/0", "/ip4/localhost/tcp/1", "/ip4/127.0.0.1/tcp/x",
                "/unix/tmp/sock", "127.0.0.1:3000", "/ip4/127.0.0.1/tcp/3000/ws"}) {
            assertThatThrownBy(() -> ApiFile.toUrl(bad)).as(bad).isInstanceOf(CairnException.class).hasMessageContaining("not an API address");
        }
        Files.writeString(repo.resolve("api"), "garbage");
        assertThat(ApiFile.read(repo)).as("a file no node wrote is no node").isEmpty();
    }

    @Test
    void commandsGoToTheLiveNodeThatHoldsTheRepo() throws Exception {
        Path repo = dir.resolve("repo");
        try (CairnNode node = node(repo)) {
            ApiFile.write(repo, node.address());
            CliRunner cli = new CliRunner(repo);

            CliRunner.Result add = cli.run("anchor", "add", HASH, HASH);
            assertThat(add.exit()).as(add.stderr()).isZero();
            assertThat(add.out()).as("the local command's lines, duplicates included").isEqualTo("queued " + HASH + "\nalready queued " + HASH + "\n");
            assertThat(node.anchoring().status(Digest.parse(HASH)).phase()).isEqualTo("queued");
            assertThat(cli.run("anchor", "status", HASH).out()).isEqualTo(HASH + " queued\n");

            CliRunner.Result flush = cli.run("anchor", "flush");
            assertThat(flush.exit()).isEqualTo(1);
            assertThat(flush.stderr()).startsWith("Error: anchoring is off").contains("bitcoin_rpc_url");
            CliRunner.Result proof = cli.run("anchor", "proof", HASH);
            assertThat(proof.exit()).isEqualTo(1);
            assertThat(proof.stderr()).startsWith("Error: ").contains("is not in a mined anchor yet");
            CliRunner.Result unknown = cli.run("anchor", "status", "77".repeat(32));
            assertThat(unknown.exit()).isEqualTo(1);
            assertThat(unknown.stderr()).startsWith("Error: ").contains("was never queued");

            CliRunner.Result offline = cli.run("anchor", "add", "--offline", "66".repeat(32));
            assertThat(offline.exit()).isEqualTo(1);
            assertThat(offline.stderr()).startsWith("Error: ").contains("in use by another process").contains("--offline");
            CliRunner.Result both = cli.run("anchor", "status", "--offline", "--api", "/ip4/127.0.0.1/tcp/1", HASH);
            assertThat(both.exit()).isEqualTo(2);
            assertThat(both.stderr()).contains("--api and --offline exclude each other");

            int closed = freePort();
            Files.writeString(repo.resolve("api"), "/ip4/127.0.0.1/tcp/" + closed);
            CliRunner.Result stale = cli.run("anchor", "status", HASH);
            assertThat(stale.exit()).as("a stale file while the repo is held: the repo's own clear error").isEqualTo(1);
            assertThat(stale.stderr()).startsWith("Error: the anchor queue in ").contains("is in use by another process")
                    .contains("api names http://127.0.0.1:" + closed + ", where no Cairn node serving this repo answers");
        }
    }

    @Test
    void anExplicitApiThatDoesNotAnswerIsAClearError() throws Exception {
        int closed = freePort();
        CliRunner.Result r = new CliRunner(dir.resolve("repo")).run("anchor", "add", "--api", "/ip4/127.0.0.1/tcp/" + closed, HASH);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.stderr()).startsWith("Error: cannot reach the Cairn node at http://127.0.0.1:" + closed);
        CliRunner.Result bad = new CliRunner(dir.resolve("repo")).run("anchor", "add", "--api", "/ip4/127.0.0.1", HASH);
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.stderr()).contains("not an API address");
    }

    @Test
    void aStaleFileWithNothingListeningIsIgnored() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("api"), "/ip4/127.0.0.1/tcp/" + freePort());
        assertQueuedLocally(repo);
    }

    @Test
    void aStaleFileNamingSomethingElseIsIgnored() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", ex -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        other.start();
        try {
            ApiFile.write(repo, other.getAddress());
            assertQueuedLocally(repo);
        } finally {
            other.stop(0);
        }
    }

    @Test
    void aStaleFileNamingTheNodeOfAnotherRepoIsIgnored() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        try (CairnNode elsewhere = node(dir.resolve("other"))) {
            ApiFile.write(repo, elsewhere.address()); // the port now belongs to a node serving another repo
            assertQueuedLocally(repo);
            assertThatThrownBy(() -> elsewhere.anchoring().status(Digest.parse(HASH))).hasMessageContaining("never queued");
        }
    }

    /** With no node holding it, the CLI opens the repo's queue itself: the digest is there afterwards. */
    private void assertQueuedLocally(Path repo) {
        CliRunner cli = new CliRunner(repo);
        CliRunner.Result add = cli.run("anchor", "add", HASH);
        assertThat(add.exit()).as(add.stderr()).isZero();
        assertThat(add.out()).isEqualTo("queued " + HASH + "\n");
        assertThat(cli.run("anchor", "status", "--offline", HASH).out()).isEqualTo(HASH + " queued\n");
    }

    private static CairnNode node(Path repo) {
        return CairnNode.builder(ConfigLoader.parse("[node]\nrepo = \"" + repo + "\"\nhttp_port = 0\n", "test", Map.of())).withoutDwn().start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
