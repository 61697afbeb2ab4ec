package io.cairn.node.cli;

import io.cairn.node.CairnNode;
import io.cairn.node.config.CairnConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn serve}: runs the node until SIGTERM or SIGINT. The shutdown hook stops accepting,
 * lets requests in flight finish within {@code [node] shutdown_grace}, then closes the repo (which
 * waits for writes in progress), so an acknowledged write is never cut off. While it runs, {@code <repo>/api}
 * names its HTTP address (Kubo's convention), and {@code cairn anchor} commands on the repo go through it.
 */
@Command(name = "serve", description = "Run the node: the DWN (JSON-RPC and WebSocket), the HTTP gateway, anchoring, /health and /metrics.")
final class ServeCommand extends CliCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: ./cairn.toml if it exists).")
    Path config;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (default 3000; 0 picks a free one).")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDR", description = "HTTP listen address (default 127.0.0.1).")
    String host;

    @Override
    void run() throws Exception {
        CairnConfig c = cli().config(config);
        CairnConfig.Node n = c.node();
        if (host != null) n = n.withHttpHost(host);
        if (port != null) {
            if (port < 0 || port > 65535) throw new io.cairn.error.CairnException(io.cairn.error.CairnException.Kind.BAD_INPUT,
                    "invalid_argument", "--port must be between 0 and 65535, got " + port);
            n = n.withHttpPort(port);
        }
        CairnNode node = CairnNode.start(c.withNode(n));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down: finishing requests in flight (up to {})", node.config().node().shutdownGrace());
            removeApiFile(node.repo().path());
            node.close();
            stopped.countDown();
        }, "cairn-shutdown"));
        announce(node);
        out().println("Cairn node listening on " + url(node.address()) + " (repo " + node.repo().path() + ")");
        stopped.await();
    }

    /** Writes {@code <repo>/api} so that CLI commands on this repo send their work here (as Kubo's daemon does). */
    private static void announce(CairnNode node) {
        try {
            ApiFile.write(node.repo().path(), node.address());
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}; `cairn anchor` on this repo will say the repo is in use", node.repo().path().resolve(ApiFile.NAME), e.toString());
        }
    }

    private static void removeApiFile(Path repo) {
        try {
            ApiFile.delete(repo);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", repo.resolve(ApiFile.NAME), e.toString());
        }
    }

    private static String url(InetSocketAddress a) {
        String host = a.getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
