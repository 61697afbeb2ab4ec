package io.cairn.anchor.bitcoin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.interop.NodePeer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * interop/bcoin/esplora-gateway.mjs over a {@link BcoinRegtest} node: an Esplora REST API on loopback,
 * so the Esplora back end is tested against the same real chain as the JSON-RPC one. Always stopped.
 */
public final class EsploraGateway implements AutoCloseable {
    private final Process process;
    private final URI url;

    private EsploraGateway(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    public static EsploraGateway start(BcoinRegtest node) throws Exception {
        Path script = NodePeer.projectRoot().resolve("interop/bcoin/esplora-gateway.mjs");
        if (!Files.exists(script)) throw new AssertionError("missing " + script);
        Process p = new ProcessBuilder("node", script.toString(), "http://127.0.0.1:" + node.rpcPort() + "/", BcoinRegtest.apiKey())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null) {
            p.destroyForcibly();
            throw new AssertionError("the Esplora gateway did not start");
        }
        int port = new ObjectMapper().readTree(first).path("port").asInt();
        return new EsploraGateway(p, URI.create("http://127.0.0.1:" + port));
    }

    public URI url() {
        return url;
    }

    public EsploraBackend backend() {
        return new EsploraBackend(url, Duration.ofSeconds(30));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
