package io.cairn.codec.dagjson;

import io.cairn.codec.CodecException;
import io.cairn.codec.StrictUtf8;
import io.cairn.codec.dagcbor.ValueMapper;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.MultiformatException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DAG-JSON (IPLD): the data model of {@link io.cairn.codec.dagcbor.DagCbor} as JSON with map keys
 * sorted by their UTF-8 bytes, no whitespace, links as {@code {"/":"<cid>"}} and bytes as
 * {@code {"/":{"bytes":"<base64, no padding>"}}}. Floats keep a fraction or exponent so they read back as
 * floats. Hand-written: it must agree byte for byte with the reference codec, which general JSON
 * libraries do not promise.
 *
 * <p>The decoder is strict (it accepts only what the encoder writes): sorted keys, no whitespace,
 * links in their canonical string form, canonical base64, and the spec's reserved-namespace rules for maps
 * whose first key is "/". Errors are {@link CodecException}s with code {@code invalid_dag_json}.
 */
public final class DagJson {
    private static final int MAX_DEPTH = 256;

    private DagJson() {}

    public static byte[] encode(Object value) {
        StringBuilder sb = new StringBuilder(64);
        write(sb, value, 0);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static Object decode(byte[] bytes) {
        String text = StrictUtf8.decodeOrNull(bytes);
        if (text == null) throw error("not valid UTF-8");
        Parser p = new Parser(text);
        Object v = p.value(0);
        if (p.pos != text.length()) throw p.fail("trailing characters");
        return v;
    }

    /** Decodes and converts to {@code type} (a record, {@code List<T>}, ...) as {@link ValueMapper} does. */
    public static <T> T decode(byte[] bytes, Class<T> type) {
        return ValueMapper.convert(decode(bytes), type);
    }

    private static void write(StringBuilder sb, Object v, int depth) {
        switch (v) {
            case null -> sb.append("null");
            case String s -> writeString(sb, s);
            case Long l -> sb.append((long) l);
            case Integer i -> sb.append((int) i);
            case Short s -> sb.append((short) s);
            case Byte b -> sb.append((byte) b);
            case Boolean b -> sb.append((boolean) b);
            case BigInteger bi -> writeBig(sb, bi);
            case Double d -> writeDouble(sb, d);
            case Float f -> writeDouble(sb, f.doubleValue());
            case byte[] b -> sb.append("{\"/\":{\"bytes\":\"").append(Base64.getEncoder().withoutPadding().encodeToString(b)).append("\"}}");
            case Cid c -> sb.append("{\"/\":\"").append(c).append("\"}");
            case List<?> list -> {
                enter(depth);
                sb.append('[');
                boolean first = true;
                for (Object o : list) {
                    if (!first) sb.append(',');
                    first = false;
                    write(sb, o, depth + 1);
                }
                sb.append(']');
            }
            case Map<?, ?> map -> writeMap(sb, map, depth);
            case Record r -> writeMap(sb, ValueMapper.componentsOf(r), depth);
            default -> throw error("cannot encode a " + v.getClass().getName());
        }
    }

    private static void writeBig(StringBuilder sb, BigInteger v) {
        if (v.bitLength() > 64 || (v.signum() < 0 && v.negate().subtract(BigInteger.ONE).bitLength() > 64)) {
            throw error("integer " + v + " is outside the 64-bit range");
        }
        sb.append(v);
    }

    /**
     * Writes a float as JavaScript's Number#toString does (the reference codec is JavaScript): the
     * shortest digits that read back to the same double (the closest such, if several), positional between
     * 1e-7 and 1e21, otherwise with an exponent; an integral float keeps a ".0" so it reads back as a float.
     * Double.toString is not used: it prefers two digits over one when two are closer (4.9E-324 for 5e-324).
     */
    private static void writeDouble(StringBuilder sb, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) throw error("NaN and Infinity are not allowed");
        if (d == 0) {
            sb.append(1 / d < 0 ? "-0.0" : "0.0");
            return;
        }
        if (d < 0) sb.append('-');
        double abs = Math.abs(d);
        BigDecimal exact = new BigDecimal(abs);
        BigDecimal shortest = exact;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == abs) {
                shortest = r;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // value = 0.digits x 10^n
        if (k <= n && n <= 21) {
            sb.append(digits).append("0".repeat(n - k)).append(".0");
        } else if (0 < n && n <= 21) {
            sb.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            sb.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            sb.append(digits.charAt(0));
            if (k > 1) sb.append('.').append(digits, 1, k);
            sb.append('e').append(n - 1 >= 0 ? "+" : "-").append(Math.abs(n - 1));
        }
    }

    private static void writeMap(StringBuilder sb, Map<?, ?> map, int depth) {
        enter(depth);
        List<Map.Entry<String, Object>> entries = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) throw error("map keys must be strings");
            requireWellFormed(key);
            entries.add(Map.entry(key, e.getValue() == null ? NULL : e.getValue()));
        }
        entries.sort((a, b) -> compareUtf8(a.getKey(), b.getKey()));
        if (!entries.isEmpty() && entries.get(0).getKey().equals("/") && isReservedForm(entries.get(0).getValue())) {
            throw error("a map whose first key is \"/\" with a string or {\"bytes\": string} value reads back as a link or bytes;"
                    + " DAG-JSON cannot hold it as a map");
        }
        sb.append('{');
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) sb.append(',');
            writeString(sb, entries.get(i).getKey());
            sb.append(':');
            Object value = entries.get(i).getValue();
            write(sb, value == NULL ? null : value, depth + 1);
        }
        sb.append('}');
    }

    /** Stands in for null values, which Map.entry refuses. */
    private static final Object NULL = new Object();

    private static boolean isReservedForm(Object slashValue) {
        if (slashValue instanceof String) return true;
        if (slashValue instanceof Map<?, ?> inner) {
            String firstKey = null;
            for (Object k : inner.keySet()) {
                if (k instanceof String s && (firstKey == null || compareUtf8(s, firstKey) < 0)) firstKey = s;
            }
            return "bytes".equals(firstKey) && inner.get("bytes") instanceof String;
        }
        return false;
    }

    private static void writeString(StringBuilder sb, String s) {
        requireWellFormed(s);
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    private static void requireWellFormed(String s) {
        if (!isWellFormed(s)) throw error("string holds an unpaired surrogate, which UTF-8 cannot encode");
    }

    private static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) return false;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 byte order of well-formed strings, which is code point order (not String#compareTo's UTF-16 order). */
    private static int compareUtf8(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca == cb) continue;
            boolean sa = Character.isSurrogate(ca);
            boolean sb = Character.isSurrogate(cb);
            if (sa != sb) return sa ? 1 : -1;
            return Character.compare(ca, cb);
        }
        return Integer.compare(a.length(), b.length());
    }

    private static void enter(int depth) {
        if (depth >= MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH + " lists and maps");
    }

    private static CodecException error(String detail) {
        return new CodecException("invalid_dag_json", "invalid DAG-JSON: " + detail);
    }

    /** A strict recursive-descent parser producing the DAG-CBOR value model. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        CodecException fail(String detail) {
            return error(detail + " at character " + pos);
        }

        Object value(int depth) {
            if (pos >= s.length()) throw fail("unexpected end");
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) yield number();
                    throw fail("unexpected '" + c + "'");
                }
            };
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, pos)) throw fail("expected " + word);
            pos += word.length();
            return v;
        }

        private Object object(int depth) {
            if (depth >= MAX_DEPTH) throw fail("nesting deeper than " + MAX_DEPTH + " lists and maps");
            int start = pos;
            pos++;
            Map<String, Object> map = new LinkedHashMap<>();
            if (peek() == '}') {
                pos++;
                return map;
            }
            String previous = null;
            while (true) {
                if (peek() != '"') throw fail("expected a string key");
                String key = string();
                if (previous != null) {
                    int order = compareUtf8(previous, key);
                    if (order == 0) throw fail("duplicate key \"" + key + "\"");
                    if (order > 0) throw fail("keys are not sorted by their UTF-8 bytes");
                }
                previous = key;
                expect(':');
                map.put(key, value(depth + 1));
                char c = next();
                if (c == '}') break;
                if (c != ',') throw fail("expected , or }");
            }
            return reservedNamespace(map, start);
        }

        /** The spec's rules for maps whose first key is "/": links, bytes, and the forms that are invalid. */
        private Object reservedNamespace(Map<String, Object> map, int start) {
            Map.Entry<String, Object> first = map.entrySet().iterator().next();
            if (!first.getKey().equals("/")) return map;
            Object slash = first.getValue();
            if (slash instanceof String text) {
                if (map.size() != 1) throw failAt(start, "a map whose first key \"/\" holds a string must have no other key");
                return link(text, start);
            }
            if (slash instanceof Map<?, ?> inner && !inner.isEmpty()) {
                Map.Entry<?, ?> innerFirst = inner.entrySet().iterator().next();
                if (innerFirst.getKey().equals("bytes") && innerFirst.getValue() instanceof String b64) {
                    if (inner.size() != 1 || map.size() != 1) {
                        throw failAt(start, "a {\"/\":{\"bytes\": string}} form must have no other key");
                    }
                    return bytes(b64, start);
                }
            }
            return map;
        }

        private Cid link(String text, int start) {
            Cid cid;
            try {
                cid = Cid.parse(text);
            } catch (MultiformatException e) {
                throw failAt(start, "invalid link: " + e.getMessage());
            }
            if (!cid.toString().equals(text)) {
                throw failAt(start, "a link must be written as base32 (CIDv1) or base58btc (CIDv0): " + cid);
            }
            return cid;
        }

        private byte[] bytes(String b64, int start) {
            byte[] b;
            try {
                if (b64.indexOf('=') >= 0) throw failAt(start, "bytes must be base64 without padding");
                b = Base64.getDecoder().decode(b64);
            } catch (IllegalArgumentException e) {
                throw failAt(start, "invalid base64 bytes");
            }
            if (!Base64.getEncoder().withoutPadding().encodeToString(b).equals(b64)) {
                throw failAt(start, "bytes are not in canonical base64 (non-zero trailing bits)");
            }
            return b;
        }

        private CodecException failAt(int at, String detail) {
            pos = at;
            return fail(detail);
        }

        private List<Object> array(int depth) {
            if (depth >= MAX_DEPTH) throw fail("nesting deeper than " + MAX_DEPTH + " lists and maps");
            pos++;
            List<Object> list = new ArrayList<>();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                list.add(value(depth + 1));
                char c = next();
                if (c == ']') return list;
                if (c != ',') throw fail("expected , or ]");
            }
        }

        private String string() {
            pos++;
            StringBuilder sb = null;
            int runStart = pos;
            while (true) {
                if (pos >= s.length()) throw fail("unterminated string");
                char c = s.charAt(pos);
                if (c == '"') {
                    String out = sb == null ? s.substring(runStart, pos) : sb.append(s, runStart, pos).toString();
                    pos++;
                    if (sb != null && !isWellFormed(out)) throw fail("\\u escapes form an unpaired surrogate");
                    return out;
                }
                if (c < 0x20) throw fail("control character in a string");
                if (c != '\\') {
                    pos++;
                    continue;
                }
                if (sb == null) sb = new StringBuilder();
                sb.append(s, runStart, pos);
                pos++;
                if (pos >= s.length()) throw fail("unterminated escape");
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> sb.append(unicodeEscape());
                    default -> throw fail("bad escape \\" + e);
                }
                runStart = pos;
            }
        }

        private char unicodeEscape() {
            if (pos + 4 > s.length()) throw fail("short \\u escape");
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int digit = Character.digit(s.charAt(pos + i), 16);
                if (digit < 0) throw fail("bad \\u escape");
                v = (v << 4) | digit;
            }
            pos += 4;
            return (char) v;
        }

        private Object number() {
            int start = pos;
            if (peekRaw() == '-') pos++;
            if (peekRaw() == '0') {
                pos++;
            } else if (peekRaw() >= '1' && peekRaw() <= '9') {
                while (isDigit(peekRaw())) pos++;
            } else {
                throw fail("bad number");
            }
            boolean isFloat = false;
            if (peekRaw() == '.') {
                isFloat = true;
                pos++;
                if (!isDigit(peekRaw())) throw fail("bad number");
                while (isDigit(peekRaw())) pos++;
            }
            if (peekRaw() == 'e' || peekRaw() == 'E') {
                isFloat = true;
                pos++;
                if (peekRaw() == '+' || peekRaw() == '-') pos++;
                if (!isDigit(peekRaw())) throw fail("bad exponent");
                while (isDigit(peekRaw())) pos++;
            }
            String text = s.substring(start, pos);
            if (isFloat) {
                double d = Double.parseDouble(text);
                if (Double.isInfinite(d)) throw fail("number out of range");
                return d;
            }
            if (text.length() <= 18) return Long.parseLong(text);
            if (text.length() > 21) throw fail("integer outside the 64-bit range");
            BigInteger big = new BigInteger(text);
            if (big.bitLength() < 64) return big.longValue();
            if (big.signum() > 0 ? big.bitLength() <= 64 : big.negate().subtract(BigInteger.ONE).bitLength() <= 64) return big;
            throw fail("integer outside the 64-bit range");
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private char peekRaw() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private char peek() {
            if (pos >= s.length()) throw fail("unexpected end");
            return s.charAt(pos);
        }

        private char next() {
            if (pos >= s.length()) throw fail("unexpected end");
            return s.charAt(pos++);
        }

        private void expect(char c) {
            if (next() != c) throw fail("expected '" + c + "'");
        }
    }
}
