package io.cairn.node.dwn;

import io.cairn.dwn.interop.SdkPeer;
import io.cairn.node.CairnNode;
import io.cairn.node.config.CairnConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a differential test against dwn-server runs: dwn-sdk-js 0.5.2 to build the messages, dwn-server
 * 0.6.1, and Cairn's node over a fresh repo with the repo's own DWN, as {@code cairn serve} runs it, all
 * on 127.0.0.1; closing stops all three.
 */
final class DwnServerAndCairn implements AutoCloseable {
    final SdkPeer sdk;
    final DwnServerPeer dwnServer;
    final CairnNode cairn;

    private DwnServerAndCairn(SdkPeer sdk, DwnServerPeer dwnServer, CairnNode cairn) {
        this.sdk = sdk;
        this.dwnServer = dwnServer;
        this.cairn = cairn;
    }

    static DwnServerAndCairn start(Path dir) {
        SdkPeer sdk = SdkPeer.start();
        DwnServerPeer dwnServer = null;
        try {
            dwnServer = DwnServerPeer.start();
            CairnConfig config = new CairnConfig(new CairnConfig.Node(dir.resolve("repo"), "127.0.0.1", 0, 16 * 1024, Duration.ofSeconds(5)),
                    CairnConfig.defaults().decentralized(), CairnConfig.Dwn.DEFAULTS);
            return new DwnServerAndCairn(sdk, dwnServer, CairnNode.builder(config).start());
        } catch (RuntimeException | AssertionError e) {
            if (dwnServer != null) dwnServer.close();
            sdk.close();
            throw e;
        }
    }

    URI cairnUrl() {
        return URI.create("http://127.0.0.1:" + cairn.address().getPort() + "/");
    }

    @Override
    public void close() {
        cairn.close();
        dwnServer.close();
        sdk.close();
    }
}
