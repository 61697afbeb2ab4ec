package io.cairn.codec.dagjson;

import io.cairn.codec.CodecException;
import io.cairn.codec.StrictUtf8;
import io.cairn.multiformats.Cid;
import io.cairn.multiformats.MultiformatException;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DAG-JSON (IPLD): the same data model as DAG-CBOR, as JSON with map keys sorted bytewise, no
 * whitespace, links as {@code {"/": "<cid>"}} and bytes as {@code {"/": {"bytes": "<base64, no padding>"}}}.
 * Floats keep a fraction or exponent so they read back as floats. Hand-written: it must agree byte for
 * byte with the reference codec, which general JSON libraries do not promise.
 */
public final class DagJson {
    private static final int MAX_DEPTH = 256;

    private DagJson() {}

    public static byte[] encode(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(StringBuilder sb, Object v, int depth) {
        if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
        switch (v) {
            case null -> sb.append("null");
            case Boolean b -> sb.append(b);
            case Long l -> sb.append(l);
            case Integer i -> sb.append(i);
            case Short s -> sb.append(s);
            case Byte b -> sb.append(b);
            case BigInteger bi -> sb.append(bi);
            case Double d -> writeDouble(sb, d);
            case Float f -> writeDouble(sb, f.doubleValue());
            case String s -> writeString(sb, s);
            case byte[] b -> sb.append("{\"/\":{\"bytes\":\"").append(Base64.getEncoder().withoutPadding().encodeToString(b)).append("\"}}");
            case Cid c -> sb.append("{\"/\":\"").append(c).append("\"}");
            case List<?> list -> {
                sb.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) sb.append(',');
                    write(sb, list.get(i), depth + 1);
                }
                sb.append(']');
            }
            case Map<?, ?> map -> writeMap(sb, map, depth);
            case Record r -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (RecordComponent c : r.getClass().getRecordComponents()) {
                    try {
                        m.put(c.getName(), c.getAccessor().invoke(r));
                    } catch (ReflectiveOperationException e) {
                        throw error("cannot read record component " + c.getName());
                    }
                }
                writeMap(sb, m, depth);
            }
            default -> throw error("cannot encode a " + v.getClass().getName());
        }
    }

    /**
     * Writes a float as JavaScript's Number#toString does (the reference codec is JavaScript): the
     * shortest digits that read back to the same double, positional between 1e-7 and 1e21, otherwise
     * with an exponent. An integral float keeps a ".0" so that it reads back as a float.
     */
    private static void writeDouble(StringBuilder sb, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) throw error("NaN and Infinity are not allowed");
        if (d == 0) {
            sb.append(1 / d < 0 ? "-0.0" : "0.0");
            return;
        }
        if (d < 0) sb.append('-');
        java.math.BigDecimal exact = new java.math.BigDecimal(Math.abs(d));
        java.math.BigDecimal shortest = exact;
        for (int p = 1; p <= 17; p++) {
            java.math.BigDecimal r = exact.round(new java.math.MathContext(p, java.math.RoundingMode.HALF_EVEN));
            if (r.doubleValue() == Math.abs(d)) {
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
        List<String> keys = new ArrayList<>();
        for (Object k : map.keySet()) {
            if (!(k instanceof String s)) throw error("map keys must be strings");
            keys.add(s);
        }
        keys.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        sb.append('{');
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) sb.append(',');
            writeString(sb, keys.get(i));
            sb.append(':');
            write(sb, map.get(keys.get(i)), depth + 1);
        }
        sb.append('}');
    }

    private static void writeString(StringBuilder sb, String s) {
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
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    public static Object decode(byte[] bytes) {
        String text = StrictUtf8.decodeOrNull(bytes);
        if (text == null) throw error("not valid UTF-8");
        Parser p = new Parser(text);
        Object v = p.value(0);
        if (p.pos != text.length()) throw p.fail("trailing characters");
        return v;
    }

    private static CodecException error(String detail) {
        return new CodecException("invalid_dag_json", "invalid DAG-JSON: " + detail);
    }

    /** A strict recursive-descent JSON parser producing the DAG-CBOR value model. */
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
            if (depth > MAX_DEPTH) throw fail("nesting deeper than " + MAX_DEPTH);
            if (pos >= s.length()) throw fail("unexpected end");
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true", true);
                case 'f' -> literal("false", false);
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
                if (previous != null && Arrays.compareUnsigned(previous.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8)) >= 0) {
                    throw fail(previous.equals(key) ? "duplicate key \"" + key + "\"" : "keys are not sorted");
                }
                previous = key;
                expect(':');
                map.put(key, value(depth + 1));
                char c = next();
                if (c == '}') break;
                if (c != ',') throw fail("expected , or }");
            }
            if (map.size() == 1 && map.containsKey("/")) return special(map.get("/"));
            if (map.containsKey("/") && map.get("/") instanceof Map<?, ?>) throw fail("a map with key \"/\" must be a link or bytes");
            return map;
        }

        private Object special(Object slash) {
            if (slash instanceof String cid) {
                try {
                    return Cid.parse(cid);
                } catch (MultiformatException e) {
                    throw fail("invalid link: " + e.getMessage());
                }
            }
            if (slash instanceof Map<?, ?> inner && inner.size() == 1 && inner.get("bytes") instanceof String b64) {
                try {
                    if (b64.indexOf('=') >= 0) throw fail("bytes must be base64 without padding");
                    return Base64.getDecoder().decode(b64);
                } catch (IllegalArgumentException e) {
                    throw fail("invalid base64 bytes");
                }
            }
            throw fail("a map with key \"/\" must be a link or bytes");
        }

        private List<Object> array(int depth) {
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
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) throw fail("unterminated string");
                char c = s.charAt(pos++);
                if (c == '"') return sb.toString();
                if (c < 0x20) throw fail("control character in a string");
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= s.length()) throw fail("unterminated escape");
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) throw fail("short \\u escape");
                        try {
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw fail("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw fail("bad escape \\" + e);
                }
            }
        }

        private Object number() {
            int start = pos;
            if (peekRaw() == '-') pos++;
            if (peekRaw() == '0') {
                pos++;
            } else if (peekRaw() >= '1' && peekRaw() <= '9') {
                while (peekRaw() >= '0' && peekRaw() <= '9') pos++;
            } else {
                throw fail("bad number");
            }
            boolean isFloat = false;
            if (peekRaw() == '.') {
                isFloat = true;
                pos++;
                if (!(peekRaw() >= '0' && peekRaw() <= '9')) throw fail("bad number");
                while (peekRaw() >= '0' && peekRaw() <= '9') pos++;
            }
            if (peekRaw() == 'e' || peekRaw() == 'E') {
                isFloat = true;
                pos++;
                if (peekRaw() == '+' || peekRaw() == '-') pos++;
                if (!(peekRaw() >= '0' && peekRaw() <= '9')) throw fail("bad exponent");
                while (peekRaw() >= '0' && peekRaw() <= '9') pos++;
            }
            String text = s.substring(start, pos);
            if (isFloat) {
                double d = Double.parseDouble(text);
                if (Double.isInfinite(d)) throw fail("number out of range");
                return d;
            }
            BigInteger big = new BigInteger(text);
            if (big.bitLength() < 64) return big.longValue();
            if (big.bitLength() <= 64 || big.negate().subtract(BigInteger.ONE).bitLength() <= 64) return big;
            throw fail("integer outside the 64-bit range");
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
