package io.cairn.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code cairn.toml}: substitutes {@code ${ENV_VAR}} in strings (from the environment map it is
 * given, never from System.getenv directly), rejects unknown keys and bad values with the key's name,
 * and fills in Cairn's embedded defaults.
 */
public final class ConfigLoader {
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern FEE_RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*sat/vB");

    private static final Set<String> TOP = Set.of("node", "storage");
    private static final Set<String> NODE_KEYS = Set.of("repo", "http_host", "http_port", "max_header_bytes", "shutdown_grace");
    private static final Set<String> STORAGE_KEYS = Set.of("decentralized");
    private static final Set<String> DECENTRALIZED_KEYS = Set.of(
            "dwn_message_store_path", "dwn_data_store_path", "dwn_event_log_path", "dwn_encryption_algorithm",
            "ipfs_endpoints", "ipfs_dht_enabled", "ipfs_bitswap_enabled", "ipfs_content_routing", "pin_services",
            "bitcoin_network", "bitcoin_rpc_url", "bitcoin_rpc_user", "bitcoin_rpc_password", "bitcoin_wallet_key",
            "bitcoin_anchor_frequency", "bitcoin_batch_size", "bitcoin_fee_rate", "bitcoin_confirmations", "bitcoin_wallet_birth_height",
            "cache_size_mb", "batch_size", "max_concurrent_operations", "query_timeout_seconds");
    private static final Set<String> PIN_SERVICE_KEYS = Set.of("name", "endpoint", "api_key", "secret_key", "api_token");
    private static final Set<String> NETWORKS = Set.of("mainnet", "testnet", "signet", "regtest");

    private final Map<String, String> env;
    private final String source;

    private ConfigLoader(Map<String, String> env, String source) {
        this.env = env;
        this.source = source;
    }

    /** Loads a file; {@code file} null means no file: the defaults. */
    public static CairnConfig load(Path file, Map<String, String> env) {
        if (file == null) return new ConfigLoader(env, "defaults").build(new TomlMapper().createObjectNode());
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        return parse(text, file.getFileName().toString(), env);
    }

    public static CairnConfig parse(String toml, String sourceName, Map<String, String> env) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(toml);
        } catch (IOException e) {
            throw new ConfigException(sourceName + ": not valid TOML: " + firstLine(e.getMessage()));
        }
        return new ConfigLoader(env, sourceName).build(root == null ? new TomlMapper().createObjectNode() : root);
    }

    private CairnConfig build(JsonNode root) {
        checkKeys(root, "", TOP);
        JsonNode node = table(root, "node");
        checkKeys(node, "node.", NODE_KEYS);
        JsonNode storage = table(root, "storage");
        checkKeys(storage, "storage.", STORAGE_KEYS);
        JsonNode d = table(storage, "decentralized");
        String p = "storage.decentralized.";
        checkKeys(d, p, DECENTRALIZED_KEYS);

        CairnConfig.Node nodeSection = new CairnConfig.Node(
                Path.of(string(node, "node.", "repo", env.getOrDefault("CAIRN_REPO", "cairn-data"))),
                string(node, "node.", "http_host", "127.0.0.1"),
                intIn(node, "node.", "http_port", CairnConfig.DEFAULT_PORT, 0, 65535),
                intIn(node, "node.", "max_header_bytes", 16 * 1024, 1024, 1024 * 1024),
                duration(node, "node.", "shutdown_grace", Duration.ofSeconds(30)));

        String network = string(d, p, "bitcoin_network", "regtest");
        if (!NETWORKS.contains(network)) throw bad(p + "bitcoin_network", "one of " + NETWORKS, network);

        CairnConfig.Decentralized dec = new CairnConfig.Decentralized(
                string(d, p, "dwn_message_store_path", null),
                string(d, p, "dwn_data_store_path", null),
                string(d, p, "dwn_event_log_path", null),
                string(d, p, "dwn_encryption_algorithm", "ChaCha20-Poly1305"),
                stringList(d, p, "ipfs_endpoints"),
                bool(d, p, "ipfs_dht_enabled", false),
                bool(d, p, "ipfs_bitswap_enabled", false),
                string(d, p, "ipfs_content_routing", "none"),
                pinServices(d, p),
                network,
                string(d, p, "bitcoin_rpc_url", null),
                string(d, p, "bitcoin_rpc_user", null),
                string(d, p, "bitcoin_rpc_password", null),
                string(d, p, "bitcoin_wallet_key", null),
                duration(d, p, "bitcoin_anchor_frequency", Duration.ofHours(6)),
                intIn(d, p, "bitcoin_batch_size", 1000, 1, 10_000_000),
                feeRate(d, p, "bitcoin_fee_rate"),
                intIn(d, p, "bitcoin_confirmations", 6, 1, 1000),
                intIn(d, p, "bitcoin_wallet_birth_height", 0, 0, 100_000_000),
                intIn(d, p, "cache_size_mb", 256, 0, 1 << 20),
                intIn(d, p, "batch_size", 100, 1, 1_000_000),
                intIn(d, p, "max_concurrent_operations", 64, 1, 1_000_000),
                intIn(d, p, "query_timeout_seconds", 30, 1, 86_400));
        return new CairnConfig(nodeSection, dec);
    }

    private void checkKeys(JsonNode table, String prefix, Set<String> allowed) {
        for (Iterator<String> it = table.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) throw new ConfigException(source + ": unknown key '" + prefix + k + "'");
        }
    }

    private JsonNode table(JsonNode parent, String key) {
        JsonNode t = parent.get(key);
        if (t == null) return new TomlMapper().createObjectNode();
        if (!t.isObject()) throw new ConfigException(source + ": '" + key + "' must be a table");
        return t;
    }

    private String string(JsonNode table, String prefix, String key, String dflt) {
        JsonNode v = table.get(key);
        if (v == null) return dflt;
        if (!v.isTextual()) throw bad(prefix + key, "a string", v.toString());
        return substitute(prefix + key, v.asText());
    }

    private List<String> stringList(JsonNode table, String prefix, String key) {
        JsonNode v = table.get(key);
        if (v == null) return List.of();
        if (!v.isArray()) throw bad(prefix + key, "an array of strings", v.toString());
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) throw bad(prefix + key, "an array of strings", v.toString());
            out.add(substitute(prefix + key, e.asText()));
        }
        return List.copyOf(out);
    }

    private boolean bool(JsonNode table, String prefix, String key, boolean dflt) {
        JsonNode v = table.get(key);
        if (v == null) return dflt;
        if (v.isBoolean()) return v.asBoolean();
        if (v.isTextual()) {
            String s = substitute(prefix + key, v.asText());
            if (s.equals("true") || s.equals("false")) return Boolean.parseBoolean(s);
        }
        throw bad(prefix + key, "true or false", v.toString());
    }

    private int intIn(JsonNode table, String prefix, String key, int dflt, int min, int max) {
        JsonNode v = table.get(key);
        if (v == null) return dflt;
        long n;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            n = v.asLong();
        } else if (v.isTextual() && substitute(prefix + key, v.asText()).matches("-?\\d{1,18}")) {
            n = Long.parseLong(substitute(prefix + key, v.asText()));
        } else {
            throw bad(prefix + key, "an integer between " + min + " and " + max, v.toString());
        }
        if (n < min || n > max) throw bad(prefix + key, "an integer between " + min + " and " + max, Long.toString(n));
        return (int) n;
    }

    private Duration duration(JsonNode table, String prefix, String key, Duration dflt) {
        String s = string(table, prefix, key, null);
        if (s == null) return dflt;
        Matcher m = DURATION.matcher(s.trim());
        if (!m.matches()) throw bad(prefix + key, "a duration such as \"30s\", \"15m\" or \"6h\"", '"' + s + '"');
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.isZero()) throw bad(prefix + key, "a positive duration", '"' + s + '"');
        return d;
    }

    private CairnConfig.FeeRate feeRate(JsonNode table, String prefix, String key) {
        String s = string(table, prefix, key, null);
        if (s == null) return null; // ask the back end (estimatesmartfee)
        Matcher m = FEE_RATE.matcher(s.trim());
        if (!m.matches()) throw bad(prefix + key, "a fee rate such as \"10 sat/vB\"", '"' + s + '"');
        double v = Double.parseDouble(m.group(1));
        if (v <= 0) throw bad(prefix + key, "a positive fee rate", '"' + s + '"');
        return new CairnConfig.FeeRate(v);
    }

    private List<PinService> pinServices(JsonNode d, String prefix) {
        JsonNode v = d.get("pin_services");
        if (v == null) return List.of();
        if (!v.isArray()) throw bad(prefix + "pin_services", "an array of tables ([[storage.decentralized.pin_services]])", v.toString());
        List<PinService> out = new ArrayList<>();
        int i = 0;
        for (JsonNode s : v) {
            String p = prefix + "pin_services[" + i++ + "].";
            if (!(s instanceof ObjectNode)) throw bad(p.substring(0, p.length() - 1), "a table", s.toString());
            checkKeys(s, p, PIN_SERVICE_KEYS);
            String name = string(s, p, "name", null);
            if (name == null || name.isBlank()) throw new ConfigException(source + ": " + p + "name is required");
            out.add(new PinService(name, string(s, p, "endpoint", null), string(s, p, "api_key", null),
                    string(s, p, "secret_key", null), string(s, p, "api_token", null)));
        }
        return List.copyOf(out);
    }

    private String substitute(String key, String value) {
        Matcher m = ENV_REF.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String var = m.group(1);
            String v = env.get(var);
            if (v == null) throw new ConfigException(source + ": " + key + " refers to ${" + var + "}, but the environment variable " + var + " is not set");
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private ConfigException bad(String key, String expected, String got) {
        return new ConfigException(source + ": " + key + ": expected " + expected + ", got " + got);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
