package io.cairn.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link CairnConfig} from {@code cairn.toml}: substitutes {@code ${ENV_VAR}} in string values
 * ({@code $${} writes a literal {@code ${}) from the environment map it is given (never from
 * System.getenv), rejects unknown keys and bad values with an error naming the key, parses durations
 * and fee rates, and fills in Cairn's embedded, local defaults.
 *
 * <p>The repo folder is, by precedence: {@code $CAIRN_REPO}, then {@code [node] repo}, then
 * {@code ./cairn-data}; command-line flags override all of them (see {@link CairnConfig.Node#withRepo}).
 */
public final class ConfigLoader {
    public static final String REPO_ENV = "CAIRN_REPO";

    private static final Pattern ENV_REF = Pattern.compile("\\$(\\$?)\\{([^}]*)}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Pattern BYTE_SIZE = Pattern.compile("(\\d{1,12})\\s*(b|kib|kb|mib|mb|gib|gb|tib|tb)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern FEE_RATE = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,9})?)\\s*sat/v(?:b|byte)", Pattern.CASE_INSENSITIVE);

    private static final Pattern SECRET_KEY = Pattern.compile("password|secret|token|api_key|wallet_key");
    private static final Set<String> TOP_KEYS = Set.of("node", "storage");
    private static final Set<String> NODE_KEYS = Set.of("repo", "http_host", "http_port", "max_header_bytes", "shutdown_grace");
    private static final Set<String> STORAGE_KEYS = Set.of("decentralized");
    private static final Set<String> DECENTRALIZED_KEYS = Set.of(
            "dwn_message_store_path", "dwn_data_store_path", "dwn_event_log_path", "dwn_encryption_algorithm",
            "ipfs_endpoints", "ipfs_dht_enabled", "ipfs_bitswap_enabled", "ipfs_content_routing", "pin_services",
            "bitcoin_network", "bitcoin_rpc_url", "bitcoin_rpc_user", "bitcoin_rpc_password", "bitcoin_wallet_key",
            "bitcoin_anchor_frequency", "bitcoin_batch_size", "bitcoin_fee_rate", "bitcoin_confirmations", "bitcoin_wallet_birth_height",
            "bitcoin_backend", "bitcoin_esplora_url", "bitcoin_rpc_cookie_file", "bitcoin_fee_bump_after", "bitcoin_fee_rate_floor",
            "bitcoin_fee_rate_ceiling",
            "cache_size_mb", "batch_size", "max_concurrent_operations", "query_timeout_seconds",
            "dwn_tenants", "dwn_max_data_size", "dwn_body_read_timeout", "dwn_max_subscriptions_per_connection",
            "dwn_did_dht_gateway", "dwn_base_url", "dwn_sync_writes");
    private static final Set<String> PIN_SERVICE_KEYS = Set.of("name", "endpoint", "api_key", "secret_key", "api_token");
    private static final List<String> NETWORKS = List.of("mainnet", "testnet", "testnet4", "signet", "regtest");

    private final Map<String, String> env;
    private final String source;

    private ConfigLoader(Map<String, String> env, String source) {
        this.env = env;
        this.source = source;
    }

    /** Loads {@code file}; null means no file: the defaults (and the environment). */
    public static CairnConfig load(Path file, Map<String, String> env) {
        if (file == null) return parse("", "defaults", env);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        return parse(text, String.valueOf(file.getFileName()), env);
    }

    /** Parses TOML text; {@code sourceName} starts every error message (e.g. {@code cairn.toml}). */
    public static CairnConfig parse(String toml, String sourceName, Map<String, String> env) {
        JsonNode root;
        try {
            root = toml.isBlank() ? null : new TomlMapper().readTree(toml);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(sourceName + ": not valid TOML: " + firstLine(e.getMessage()));
        }
        return new ConfigLoader(env, sourceName).build(root == null ? JsonNodeFactory.instance.objectNode() : root);
    }

    private CairnConfig build(JsonNode root) {
        checkKeys(root, "", TOP_KEYS);
        JsonNode node = table(root, "", "node");
        checkKeys(node, "node.", NODE_KEYS);
        JsonNode storage = table(root, "", "storage");
        checkKeys(storage, "storage.", STORAGE_KEYS);
        JsonNode d = table(storage, "storage.", "decentralized");
        String p = "storage.decentralized.";
        checkKeys(d, p, DECENTRALIZED_KEYS);

        String repoFromEnv = env.get(REPO_ENV);
        String repo = repoFromEnv != null && !repoFromEnv.isBlank() ? repoFromEnv : string(node, "node.", "repo", null);
        CairnConfig.Node nodeSection = new CairnConfig.Node(
                repo == null ? CairnConfig.DEFAULT_REPO : Path.of(repo),
                string(node, "node.", "http_host", CairnConfig.DEFAULT_HOST),
                integer(node, "node.", "http_port", CairnConfig.DEFAULT_PORT, 0, 65535),
                integer(node, "node.", "max_header_bytes", 16 * 1024, 1024, 1024 * 1024),
                duration(node, "node.", "shutdown_grace", Duration.ofSeconds(30)));

        String network = string(d, p, "bitcoin_network", "regtest");
        if (!NETWORKS.contains(network)) throw bad(p + "bitcoin_network", "one of " + String.join(", ", NETWORKS), quoted(network));

        String backend = string(d, p, "bitcoin_backend", "rpc");
        if (!backend.equals("rpc") && !backend.equals("esplora")) throw bad(p + "bitcoin_backend", "\"rpc\" or \"esplora\"", quoted(backend));
        CairnConfig.FeeRate floor = feeRate(d, p, "bitcoin_fee_rate_floor");
        CairnConfig.FeeRate ceiling = feeRate(d, p, "bitcoin_fee_rate_ceiling");
        if (floor != null && ceiling != null && ceiling.satPerVbyte() < floor.satPerVbyte()) {
            throw bad(p + "bitcoin_fee_rate_ceiling", "a fee rate no lower than bitcoin_fee_rate_floor", ceiling.toString());
        }
        CairnConfig.BitcoinBackend bitcoinBackend = new CairnConfig.BitcoinBackend(backend, url(d, p, "bitcoin_esplora_url"),
                string(d, p, "bitcoin_rpc_cookie_file", null), duration(d, p, "bitcoin_fee_bump_after", Duration.ofHours(1)),
                floor == null ? new CairnConfig.FeeRate(1) : floor, ceiling == null ? new CairnConfig.FeeRate(500) : ceiling);

        CairnConfig.Decentralized dec = new CairnConfig.Decentralized(
                string(d, p, "dwn_message_store_path", null),
                string(d, p, "dwn_data_store_path", null),
                string(d, p, "dwn_event_log_path", null),
                string(d, p, "dwn_encryption_algorithm", "ChaCha20-Poly1305"),
                urlList(d, p, "ipfs_endpoints"),
                bool(d, p, "ipfs_dht_enabled", false),
                bool(d, p, "ipfs_bitswap_enabled", false),
                string(d, p, "ipfs_content_routing", "none"),
                pinServices(d, p),
                network,
                url(d, p, "bitcoin_rpc_url"),
                string(d, p, "bitcoin_rpc_user", null),
                string(d, p, "bitcoin_rpc_password", null),
                string(d, p, "bitcoin_wallet_key", null),
                duration(d, p, "bitcoin_anchor_frequency", Duration.ofHours(6)),
                integer(d, p, "bitcoin_batch_size", 1000, 1, 10_000_000),
                feeRate(d, p, "bitcoin_fee_rate"),
                integer(d, p, "bitcoin_confirmations", 6, 1, 1000),
                integer(d, p, "bitcoin_wallet_birth_height", 0, 0, 100_000_000),
                integer(d, p, "cache_size_mb", 256, 0, 1 << 20),
                integer(d, p, "batch_size", 100, 1, 1_000_000),
                integer(d, p, "max_concurrent_operations", 64, 1, 1_000_000),
                integer(d, p, "query_timeout_seconds", 30, 1, 86_400),
                bitcoinBackend);
        CairnConfig.Dwn dwn = new CairnConfig.Dwn(
                byteSize(d, p, "dwn_max_data_size", CairnConfig.Dwn.DEFAULT_MAX_DATA_SIZE),
                duration(d, p, "dwn_body_read_timeout", CairnConfig.Dwn.DEFAULTS.bodyReadTimeout()),
                integer(d, p, "dwn_max_subscriptions_per_connection", CairnConfig.Dwn.DEFAULTS.maxSubscriptionsPerConnection(), 0, 1_000_000),
                tenants(d, p, "dwn_tenants"),
                urlOr(d, p, "dwn_did_dht_gateway", CairnConfig.Dwn.DEFAULT_DID_DHT_GATEWAY),
                url(d, p, "dwn_base_url"),
                bool(d, p, "dwn_sync_writes", CairnConfig.Dwn.DEFAULTS.syncWrites()));
        return new CairnConfig(nodeSection, dec, dwn);
    }

    private void checkKeys(JsonNode table, String prefix, Set<String> allowed) {
        for (Iterator<String> it = table.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) throw new ConfigException(source + ": unknown key '" + prefix + k + "'");
        }
    }

    private JsonNode table(JsonNode parent, String prefix, String key) {
        JsonNode t = parent.get(key);
        if (t == null) return JsonNodeFactory.instance.objectNode();
        if (!t.isObject()) throw bad(prefix + key, "a table ([" + prefix + key + "])", t.toString());
        return t;
    }

    private String string(JsonNode table, String prefix, String key, String dflt) {
        JsonNode v = table.get(key);
        if (v == null) return dflt;
        if (!v.isTextual()) throw bad(prefix + key, "a string", v.toString());
        return substitute(prefix + key, v.asText());
    }

    private String url(JsonNode table, String prefix, String key) {
        String s = string(table, prefix, key, null);
        if (s != null) checkUrl(prefix + key, s);
        return s;
    }

    private String urlOr(JsonNode table, String prefix, String key, String dflt) {
        String s = url(table, prefix, key);
        return s == null ? dflt : s;
    }

    /** {@code "open"} (any DID: null) or an array of DIDs. */
    private List<String> tenants(JsonNode table, String prefix, String key) {
        JsonNode v = table.get(key);
        if (v == null) return null;
        String expected = "\"open\" or an array of DIDs such as [\"did:key:z6Mk...\"]";
        if (v.isTextual()) {
            String s = substitute(prefix + key, v.asText());
            if (s.equals("open")) return null;
            throw bad(prefix + key, expected, quoted(s));
        }
        if (!v.isArray()) throw bad(prefix + key, expected, v.toString());
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            String did = e.isTextual() ? substitute(prefix + key, e.asText()) : null;
            if (did == null || !did.matches("did:[a-z0-9]+:\\S+")) throw bad(prefix + key, expected, e.toString());
            out.add(did);
        }
        return List.copyOf(out);
    }

    /** A size in bytes: an integer, or a string such as {@code "1GiB"}, {@code "512 MB"} (binary and decimal units). */
    private long byteSize(JsonNode table, String prefix, String key, long dflt) {
        JsonNode v = table.get(key);
        if (v == null) return dflt;
        String expected = "a positive size such as 1073741824, \"1GiB\" or \"500MB\"";
        long n;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            n = v.asLong();
        } else if (v.isTextual()) {
            String s = substitute(prefix + key, v.asText()).trim();
            Matcher m = BYTE_SIZE.matcher(s);
            if (!m.matches()) throw bad(prefix + key, expected, quoted(s));
            long unit = switch (m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT)) {
                case "kib" -> 1L << 10;
                case "kb" -> 1000L;
                case "mib" -> 1L << 20;
                case "mb" -> 1000L * 1000;
                case "gib" -> 1L << 30;
                case "gb" -> 1000L * 1000 * 1000;
                case "tib" -> 1L << 40;
                case "tb" -> 1000L * 1000 * 1000 * 1000;
                default -> 1L;
            };
            try {
                n = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
            } catch (ArithmeticException e) {
                throw bad(prefix + key, expected, quoted(s));
            }
        } else {
            throw bad(prefix + key, expected, v.toString());
        }
        if (n <= 0) throw bad(prefix + key, expected, Long.toString(n));
        return n;
    }

    private List<String> urlList(JsonNode table, String prefix, String key) {
        JsonNode v = table.get(key);
        if (v == null) return List.of();
        if (!v.isArray()) throw bad(prefix + key, "an array of URLs", v.toString());
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) throw bad(prefix + key, "an array of URLs", v.toString());
            String s = substitute(prefix + key, e.asText());
            checkUrl(prefix + key, s);
            out.add(s);
        }
        return List.copyOf(out);
    }

    private void checkUrl(String key, String s) {
        try {
            URI u = new URI(s);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) return;
        } catch (URISyntaxException e) {
            // reported below
        }
        throw bad(key, "an http:// or https:// URL", quoted(s));
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

    /** An integer in [min, max]; a string is accepted too, so that {@code "${VAR}"} can supply it. */
    private int integer(JsonNode table, String prefix, String key, int dflt, int min, int max) {
        JsonNode v = table.get(key);
        if (v == null) return dflt;
        String expected = (min == 1 ? "a positive integer" : min == 0 ? "a non-negative integer" : "an integer of at least " + min)
                + " no larger than " + max;
        long n;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            n = v.asLong();
        } else if (v.isTextual()) {
            String s = substitute(prefix + key, v.asText()).trim();
            if (!s.matches("-?\\d{1,18}")) throw bad(prefix + key, expected, quoted(s));
            n = Long.parseLong(s);
        } else {
            throw bad(prefix + key, expected, v.toString());
        }
        if (n < min || n > max) throw bad(prefix + key, expected, Long.toString(n));
        return (int) n;
    }

    /** A positive duration such as {@code "30s"}, {@code "6h"}, {@code "1h30m"} or {@code "500ms"}. */
    private Duration duration(JsonNode table, String prefix, String key, Duration dflt) {
        String s = string(table, prefix, key, null);
        if (s == null) return dflt;
        String text = s.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION_PART.matcher(text);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < text.length() && m.find(at) && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            at = m.end();
        }
        if (text.isEmpty() || at != text.length()) {
            throw bad(prefix + key, "a duration such as \"30s\", \"15m\", \"6h\" or \"1h30m\"", quoted(s));
        }
        if (total.isZero()) throw bad(prefix + key, "a positive duration", quoted(s));
        return total;
    }

    /** {@code "10 sat/vB"}; absent means "ask the Bitcoin back end" (null). */
    private CairnConfig.FeeRate feeRate(JsonNode table, String prefix, String key) {
        JsonNode v = table.get(key);
        if (v == null) return null;
        String s = v.isNumber() ? v.asText() + " sat/vB" : string(table, prefix, key, null);
        Matcher m = FEE_RATE.matcher(s.trim());
        if (!m.matches()) throw bad(prefix + key, "a fee rate such as \"10 sat/vB\"", v.isNumber() ? v.toString() : quoted(s));
        double rate = Double.parseDouble(m.group(1));
        if (rate <= 0) throw bad(prefix + key, "a positive fee rate", quoted(s));
        return new CairnConfig.FeeRate(rate);
    }

    private List<PinService> pinServices(JsonNode d, String prefix) {
        JsonNode v = d.get("pin_services");
        if (v == null) return List.of();
        if (!v.isArray()) throw bad(prefix + "pin_services", "an array of tables ([[" + prefix + "pin_services]])", v.toString());
        List<PinService> out = new ArrayList<>();
        int i = 0;
        for (JsonNode s : v) {
            String p = prefix + "pin_services[" + i++ + "].";
            if (!s.isObject()) throw bad(p.substring(0, p.length() - 1), "a table", s.toString());
            checkKeys(s, p, PIN_SERVICE_KEYS);
            String name = string(s, p, "name", null);
            if (name == null || name.isBlank()) throw new ConfigException(source + ": " + p + "name is required");
            out.add(new PinService(name, url(s, p, "endpoint"), string(s, p, "api_key", null),
                    string(s, p, "secret_key", null), string(s, p, "api_token", null)));
        }
        return List.copyOf(out);
    }

    /** Replaces {@code ${NAME}} by the variable's value; {@code $${...}} stands for a literal {@code ${...}}. */
    private String substitute(String key, String value) {
        Matcher m = ENV_REF.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String var = m.group(2);
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = "${" + var + "}";
            } else {
                if (!ENV_NAME.matcher(var).matches()) {
                    throw new ConfigException(source + ": " + key + ": '${" + var + "}' is not a valid environment variable reference");
                }
                replacement = env.get(var);
                if (replacement == null) {
                    throw new ConfigException(source + ": " + key + " refers to ${" + var + "}, but the environment variable " + var + " is not set");
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private ConfigException bad(String key, String expected, String got) {
        String shown = SECRET_KEY.matcher(key).find() ? "a value not shown here (it may be a secret)" : got;
        return new ConfigException(source + ": " + key + ": expected " + expected + ", got " + shown);
    }

    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
