package io.cairn.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private static final String PLAN = """
            [node]
            repo = "/var/lib/cairn"
            http_port = 8080

            [storage.decentralized]
            dwn_message_store_path = "./data/dwn/messages"
            dwn_encryption_algorithm = "ChaCha20-Poly1305"
            ipfs_endpoints = ["http://127.0.0.1:5001", "https://ipfs.io"]
            ipfs_dht_enabled = true
            ipfs_content_routing = "DHT"
            bitcoin_network = "testnet"
            bitcoin_rpc_url = "${BTC_URL}"
            bitcoin_wallet_key = "${CAIRN_BITCOIN_KEY}"
            bitcoin_anchor_frequency = "6h"
            bitcoin_batch_size = 1000
            bitcoin_fee_rate = "10 sat/vB"
            cache_size_mb = 512
            batch_size = 100
            max_concurrent_operations = 10000
            query_timeout_seconds = 30

            [[storage.decentralized.pin_services]]
            name = "pinata"
            api_key = "${PINATA_KEY}"
            secret_key = "s"
            """;

    private static final Map<String, String> ENV = Map.of("BTC_URL", "http://127.0.0.1:18443", "CAIRN_BITCOIN_KEY", "cVt4o7BGAig1UXywgGSmARhxMdzP5qvQsxKkSsc1XEkw3tDTQFpy", "PINATA_KEY", "k");

    @Test
    void readsTheDeploymentPlansKeysWithEnvironmentSubstitution() {
        CairnConfig c = ConfigLoader.parse(PLAN, "cairn.toml", ENV);
        assertThat(c.node().repo()).isEqualTo(Path.of("/var/lib/cairn"));
        assertThat(c.node().httpPort()).isEqualTo(8080);
        assertThat(c.node().httpHost()).isEqualTo("127.0.0.1");
        CairnConfig.Decentralized d = c.decentralized();
        assertThat(d.ipfsEndpoints()).containsExactly("http://127.0.0.1:5001", "https://ipfs.io");
        assertThat(d.ipfsDhtEnabled()).isTrue();
        assertThat(d.bitcoinRpcUrl()).isEqualTo("http://127.0.0.1:18443");
        assertThat(d.bitcoinWalletKey()).startsWith("cVt4");
        assertThat(d.bitcoinAnchorFrequency()).isEqualTo(Duration.ofHours(6));
        assertThat(d.bitcoinFeeRate().satPerVbyte()).isEqualTo(10.0);
        assertThat(d.maxConcurrentOperations()).isEqualTo(10000);
        assertThat(d.pinServices()).hasSize(1);
        assertThat(d.pinServices().get(0).apiKey()).isEqualTo("k");
        assertThat(d.pinServices().get(0).toString()).doesNotContain("k,").contains("redacted");
    }

    @Test
    void defaultsAreEmbeddedAndLocal() {
        CairnConfig c = ConfigLoader.load(null, Map.of());
        assertThat(c.node().repo()).isEqualTo(Path.of("cairn-data"));
        assertThat(c.node().httpHost()).isEqualTo("127.0.0.1");
        assertThat(c.node().httpPort()).isEqualTo(3000);
        assertThat(c.node().maxHeaderBytes()).isGreaterThanOrEqualTo(16 * 1024);
        assertThat(c.decentralized().bitcoinNetwork()).isEqualTo("regtest");
        assertThat(ConfigLoader.load(null, Map.of("CAIRN_REPO", "/r")).node().repo()).isEqualTo(Path.of("/r"));
    }

    @Test
    void unknownKeysAndBadValuesNameTheKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("[storage.decentralized]\ncache_sise_mb = 5", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage("cairn.toml: unknown key 'storage.decentralized.cache_sise_mb'");
        assertThatThrownBy(() -> ConfigLoader.parse("[storage.decentralized]\ncache_size_mb = \"big\"", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("storage.decentralized.cache_size_mb: expected an integer");
        assertThatThrownBy(() -> ConfigLoader.parse("[storage.decentralized]\nbitcoin_fee_rate = \"fast\"", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bitcoin_fee_rate");
        assertThatThrownBy(() -> ConfigLoader.parse("[storage.decentralized]\nbitcoin_anchor_frequency = \"often\"", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bitcoin_anchor_frequency");
        assertThatThrownBy(() -> ConfigLoader.parse("[storage.decentralized]\nbitcoin_network = \"moon\"", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bitcoin_network");
        assertThatThrownBy(() -> ConfigLoader.parse("[node]\nhttp_port = 70000", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("node.http_port");
        assertThatThrownBy(() -> ConfigLoader.parse("[typo]\nx = 1", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'typo'");
        assertThatThrownBy(() -> ConfigLoader.parse("[[storage.decentralized.pin_services]]\napi_kee = \"x\"", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pin_services[0].api_kee");
    }

    @Test
    void aMissingEnvironmentVariableIsNamedWithItsKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("[storage.decentralized]\nbitcoin_wallet_key = \"${NOPE}\"", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("storage.decentralized.bitcoin_wallet_key").hasMessageContaining("NOPE");
    }

    @Test
    void malformedTomlAndMissingFilesAreClearErrors() {
        assertThatThrownBy(() -> ConfigLoader.parse("[node\nrepo=", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid TOML");
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("/nonexistent/cairn.toml"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }
}
