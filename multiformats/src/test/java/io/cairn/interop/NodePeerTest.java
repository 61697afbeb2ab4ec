package io.cairn.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The harness the interop tests stand on: it must run the real peers and fail loudly. */
@Tag("interop")
class NodePeerTest {
    @Test
    void theInstalledNodeIsNode22() {
        String version = new String(runNode("--version"), StandardCharsets.UTF_8).trim();
        assertThat(version).startsWith("v22.");
    }

    @Test
    void aLongRunningPeerAnswersManyRequestsInOneProcess() {
        try (NodePeer peer = NodePeer.start("dag-cbor.mjs")) {
            for (int i = 0; i < 200; i++) {
                String expected = i < 24 ? String.format("%02x", i) : String.format("18%02x", i);
                assertThat(peer.request(Map.of("dagjson", Integer.toString(i))).get("hex").asText()).isEqualTo(expected);
            }
        }
    }

    @Test
    void anErrorReplyFailsTheTestWithTheScriptsMessage() {
        try (NodePeer peer = NodePeer.start("dag-cbor.mjs")) {
            assertThatThrownBy(() -> peer.request(Map.of("dagjson", "{not json")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("dag-cbor.mjs failed on");
            // the process survives a failed request
            assertThat(peer.request(Map.of("dagjson", "[1,2]")).get("hex").asText()).isEqualTo("820102");
        }
    }

    @Test
    void aRequestWithoutAReplyFailsAfterTheTimeout() {
        try (NodePeer peer = NodePeer.start(Duration.ofMillis(500), "dag-cbor.mjs")) {
            // lines.mjs skips blank lines, so this request never gets a reply
            assertThatThrownBy(() -> peer.requestLine(" "))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("did not answer within");
        }
    }

    @Test
    void aOneShotRunFeedsStdinAndReturnsStdout() {
        byte[] stdin = "{\"dagjson\":\"[1,2]\"}\n{\"dagjson\":\"true\"}\n".getBytes(StandardCharsets.UTF_8);
        String out = new String(NodePeer.runBytes("dag-cbor.mjs", List.of(), stdin, Duration.ofMinutes(1)), StandardCharsets.UTF_8);
        assertThat(out.lines()).containsExactly("{\"hex\":\"820102\"}", "{\"hex\":\"f5\"}");
    }

    @Test
    void aFailingScriptFailsTheTestWithItsExitCodeAndStderr() {
        assertThatThrownBy(() -> NodePeer.run("car-v2.mjs"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("exited with 2")
                .hasMessageContaining("Usage: node car-v2.mjs");
    }

    @Test
    void anUnknownScriptFailsTheTestRatherThanSkipping() {
        assertThatThrownBy(() -> NodePeer.start("no-such-script.mjs"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no interop script");
    }

    @Test
    void theProjectRootHoldsTheInteropScripts() {
        assertThat(Files.isRegularFile(NodePeer.projectRoot().resolve("interop/js/lines.mjs"))).isTrue();
    }

    private static byte[] runNode(String... args) {
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of(NodePeer.nodeBinary().toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor()).isZero();
            return out;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
