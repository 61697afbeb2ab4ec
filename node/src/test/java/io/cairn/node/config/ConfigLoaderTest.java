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
                .isInstanceOf(ConfigException.class)
                .hasMessage("cairn.toml: storage.decentralized.cache_size_mb: expected a non-negative integer no larger than 1048576, got \"big\"");
        assertThatThrownBy(() -> ConfigLoader.parse("[storage.decentralized]\nbatch_size = 0", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("storage.decentralized.batch_size: expected a positive integer");
        assertThatThrownBy(() -> ConfigLoader.parse("[storage.decentralized]\nipfs_dht_enabled = \"yes\"", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("storage.decentralized.ipfs_dht_enabled: expected true or false");
        assertThatThrownBy(() -> ConfigLoader.parse("[storage.decentralized]\nipfs_endpoints = [\"ipfs.io\"]", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("storage.decentralized.ipfs_endpoints: expected an http:// or https:// URL, got \"ipfs.io\"");
        assertThatThrownBy(() -> ConfigLoader.parse("[storage.decentralized]\nipfs_endpoints = \"http://x\"", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ipfs_endpoints: expected an array of URLs");
        assertThatThrownBy(() -> ConfigLoader.parse("storage = 5", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("storage: expected a table");
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
    void durationsAndFeeRatesBecomeTypedValues() {
        CairnConfig c = ConfigLoader.parse("""
                [node]
                shutdown_grace = "1m30s"
                [storage.decentralized]
                bitcoin_anchor_frequency = "500ms"
                bitcoin_fee_rate = "2.5 sat/vbyte"
                """, "cairn.toml", Map.of());
        assertThat(c.node().shutdownGrace()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.decentralized().bitcoinAnchorFrequency()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.decentralized().bitcoinFeeRate().satPerVbyte()).isEqualTo(2.5);
        assertThat(ConfigLoader.parse("[storage.decentralized]\nbitcoin_fee_rate = 12", "cairn.toml", Map.of())
                .decentralized().bitcoinFeeRate().satPerVbyte()).isEqualTo(12.0);
        for (String bad : new String[] {"6", "6 hours", "h", "0s", "-1h", "1h 30m", ""}) {
            assertThatThrownBy(() -> ConfigLoader.parse("[node]\nshutdown_grace = \"" + bad + "\"", "cairn.toml", Map.of()))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("node.shutdown_grace: expected a");
        }
        assertThatThrownBy(() -> ConfigLoader.parse("[storage.decentralized]\nbitcoin_fee_rate = \"0 sat/vB\"", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("expected a positive fee rate");
    }

    @Test
    void theBitcoinBackEndAndFeeKeys() {
        CairnConfig.BitcoinBackend defaults = CairnConfig.defaults().decentralized().bitcoinBackend();
        assertThat(defaults.kind()).isEqualTo("rpc");
        assertThat(defaults.feeBumpAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.feeRateFloor().satPerVbyte()).isEqualTo(1.0);
        assertThat(defaults.feeRateCeiling().satPerVbyte()).isEqualTo(500.0);
        CairnConfig.BitcoinBackend b = ConfigLoader.parse("""
                [storage.decentralized]
                bitcoin_backend = "esplora"
                bitcoin_esplora_url = "https://mempool.space/api"
                bitcoin_rpc_cookie_file = "/var/lib/bitcoind/.cookie"
                bitcoin_fee_bump_after = "30m"
                bitcoin_fee_rate_floor = "2 sat/vB"
                bitcoin_fee_rate_ceiling = "80 sat/vB"
                """, "cairn.toml", Map.of()).decentralized().bitcoinBackend();
        assertThat(b).isEqualTo(new CairnConfig.BitcoinBackend("esplora", "https://mempool.space/api", "/var/lib/bitcoind/.cookie",
                Duration.ofMinutes(30), new CairnConfig.FeeRate(2), new CairnConfig.FeeRate(80)));
        assertThatThrownBy(() -> ConfigLoader.parse("[storage.decentralized]\nbitcoin_backend = \"electrum\"", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bitcoin_backend").hasMessageContaining("\"rpc\" or \"esplora\"");
        assertThatThrownBy(() -> ConfigLoader.parse("[storage.decentralized]\nbitcoin_fee_rate_floor = \"9 sat/vB\"\nbitcoin_fee_rate_ceiling = \"3 sat/vB\"",
                "cairn.toml", Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("bitcoin_fee_rate_ceiling");
        assertThatThrownBy(() -> ConfigLoader.parse("[storage.decentralized]\nbitcoin_esplora_url = \"ftp://x\"", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bitcoin_esplora_url");
    }

    @Test
    void environmentVariablesFillStringsNumbersAndBooleansAndDollarDollarEscapes() {
        Map<String, String> env = Map.of("PORT", "4001", "DHT", "true", "USER", "alice");
        CairnConfig c = ConfigLoader.parse("""
                [node]
                http_port = "${PORT}"
                repo = "/srv/${USER}/cairn-$${not-a-var}"
                [storage.decentralized]
                ipfs_dht_enabled = "${DHT}"
                bitcoin_rpc_url = "http://${USER}:pw@127.0.0.1:8332"
                """, "cairn.toml", env);
        assertThat(c.node().httpPort()).isEqualTo(4001);
        assertThat(c.node().repo()).isEqualTo(Path.of("/srv/alice/cairn-${not-a-var}"));
        assertThat(c.decentralized().ipfsDhtEnabled()).isTrue();
        assertThat(c.decentralized().bitcoinRpcUrl()).isEqualTo("http://alice:pw@127.0.0.1:8332");
        assertThatThrownBy(() -> ConfigLoader.parse("[node]\nrepo = \"${1BAD}\"", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("node.repo").hasMessageContaining("not a valid environment variable reference");
    }

    @Test
    void cairnRepoFromTheEnvironmentOverridesTheFile() {
        assertThat(ConfigLoader.parse("[node]\nrepo = \"/from/file\"", "cairn.toml", Map.of()).node().repo()).isEqualTo(Path.of("/from/file"));
        assertThat(ConfigLoader.parse("[node]\nrepo = \"/from/file\"", "cairn.toml", Map.of("CAIRN_REPO", "/from/env")).node().repo())
                .isEqualTo(Path.of("/from/env"));
        CairnConfig c = ConfigLoader.load(null, Map.of());
        assertThat(c.withNode(c.node().withRepo(Path.of("/flag")).withHttpPort(9)).node())
                .isEqualTo(new CairnConfig.Node(Path.of("/flag"), "127.0.0.1", 9, c.node().maxHeaderBytes(), c.node().shutdownGrace()));
    }

    @Test
    void secretsStayOutOfToStringAndErrorMessages() {
        CairnConfig c = ConfigLoader.parse(PLAN + "\n", "cairn.toml", ENV);
        assertThat(c.toString()).doesNotContain("cVt4o7BGAig1UXywgGSmARhxMdzP5qvQsxKkSsc1XEkw3tDTQFpy").contains("bitcoinWalletKey=<redacted>");
        assertThatThrownBy(() -> ConfigLoader.parse("[storage.decentralized]\nbitcoin_rpc_password = 123456", "cairn.toml", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bitcoin_rpc_password: expected a string").hasMessageNotContaining("123456");
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

    @Test
    void readsTheDwnEndpointLimitsAndTenantGate() {
        CairnConfig defaults = ConfigLoader.parse("", "t", Map.of());
        assertThat(defaults.dwn()).isEqualTo(CairnConfig.Dwn.DEFAULTS);
        assertThat(defaults.dwn().openToAllTenants()).isTrue();
        assertThat(defaults.dwn().syncWrites()).as("acknowledged DWN writes are fsynced unless the config says otherwise").isTrue();

        CairnConfig c = ConfigLoader.parse("""
                [storage.decentralized]
                dwn_tenants = ["did:key:z6MkA", "did:dht:abc"]
                dwn_max_data_size = "10MiB"
                dwn_body_read_timeout = "5s"
                dwn_max_subscriptions_per_connection = 7
                dwn_did_dht_gateway = "https://dht.example"
                dwn_base_url = "https://dwn.example"
                dwn_sync_writes = false
                """, "t", Map.of());
        assertThat(c.dwn().tenants()).containsExactly("did:key:z6MkA", "did:dht:abc");
        assertThat(c.dwn().maxDataSize()).isEqualTo(10L << 20);
        assertThat(c.dwn().bodyReadTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.dwn().maxSubscriptionsPerConnection()).isEqualTo(7);
        assertThat(c.dwn().didDhtGateway()).isEqualTo("https://dht.example");
        assertThat(c.dwn().baseUrl()).isEqualTo("https://dwn.example");
        assertThat(c.dwn().syncWrites()).isFalse();

        assertThat(ConfigLoader.parse("[storage.decentralized]\ndwn_tenants = \"open\"\ndwn_max_data_size = 1000", "t", Map.of()).dwn())
                .satisfies(d -> assertThat(d.openToAllTenants()).isTrue())
                .satisfies(d -> assertThat(d.maxDataSize()).isEqualTo(1000));
        assertThatThrownBy(() -> ConfigLoader.parse("[storage.decentralized]\ndwn_tenants = [\"alice\"]", "t", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("storage.decentralized.dwn_tenants");
        assertThatThrownBy(() -> ConfigLoader.parse("[storage.decentralized]\ndwn_tenants = \"closed\"", "t", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dwn_tenants");
        assertThatThrownBy(() -> ConfigLoader.parse("[storage.decentralized]\ndwn_max_data_size = \"lots\"", "t", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dwn_max_data_size");
        assertThatThrownBy(() -> ConfigLoader.parse("[storage.decentralized]\ndwn_sync_writes = \"sometimes\"", "t", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dwn_sync_writes");
    }
}
