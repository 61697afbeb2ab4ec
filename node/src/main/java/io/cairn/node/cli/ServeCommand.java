package io.cairn.node.cli;

import io.cairn.node.CairnNode;
import io.cairn.node.config.CairnConfig;
import io.cairn.node.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn serve}: runs the node until SIGTERM/SIGINT, then shuts down gracefully. */
@Command(name = "serve", description = "Run the node: the HTTP gateway, /health and /metrics.")
final class ServeCommand extends CliCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: ./cairn.toml if present).")
    Path config;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (default 3000).")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDR", description = "HTTP listen address (default 127.0.0.1).")
    String host;

    @Override
    void run() throws Exception {
        Path file = config != null ? config : (Files.exists(Path.of("cairn.toml")) ? Path.of("cairn.toml") : null);
        CairnConfig c = ConfigLoader.load(file, cli().env);
        CairnConfig.Node n = c.node();
        CairnConfig.Node overridden = new CairnConfig.Node(
                cli().repo != null ? cli().repo : n.repo(),
                host != null ? host : n.httpHost(),
                port != null ? port : n.httpPort(),
                n.maxHeaderBytes(), n.shutdownGrace());
        CairnConfig effective = new CairnConfig(overridden, c.decentralized());
        CairnNode node = CairnNode.start(effective);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down: finishing requests in flight");
            node.close();
            stopped.countDown();
        }, "cairn-shutdown"));
        out().println("Cairn node listening on http://" + node.address().getHostString() + ":" + node.address().getPort()
                + " (repo " + node.repo().path() + ")");
        stopped.await();
    }
}
