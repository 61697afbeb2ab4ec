package io.cairn.dwn.rocks;

import java.math.BigDecimal;
import java.util.List;

/**
 * Index values as dwn-sdk-js treats them: {@link #encode} is IndexLevel's {@code encodeValue} (strings
 * as JSON, numbers zero-padded so they sort as text, negatives behind a '!'), {@link #same} is JavaScript's
 * {@code ===} and {@link #compare} its {@code <}/{@code >} between two index values.
 */
final class IndexValues {
    private static final long MAX_SAFE_INTEGER = 9007199254740991L;
    private static final int PADDING = 16;

    private IndexValues() {}

    static String encode(Object value) {
        if (value instanceof Number number) return encodeNumber(number);
        if (value instanceof Boolean b) return b.toString();
        if (value instanceof String s) return jsonString(s);
        throw new IllegalArgumentException("an index value must be a string, number or boolean, got " + value);
    }

    static String encodeNumber(Number number) {
        String digits;
        boolean negative;
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            negative = d < 0;
            digits = jsNumberString(negative ? d + MAX_SAFE_INTEGER : d);
        } else {
            long l = number.longValue();
            negative = l < 0;
            digits = Long.toString(negative ? l + MAX_SAFE_INTEGER : l);
        }
        StringBuilder out = new StringBuilder(PADDING + 1);
        if (negative) out.append('!');
        for (int i = digits.length(); i < PADDING; i++) out.append('0');
        return out.append(digits).toString();
    }

    /** JavaScript's {@code String(number)}. */
    static String jsNumberString(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        if (d == 0) return "0";
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String sign = exact.signum() < 0 ? "-" : "";
        String digits = exact.unscaledValue().abs().toString();
        int k = digits.length();
        int n = k - exact.scale(); // the decimal point sits after n digits
        if (k <= n && n <= 21) return sign + digits + "0".repeat(n - k);
        if (0 < n && n <= 21) return sign + digits.substring(0, n) + "." + digits.substring(n);
        if (-6 < n && n <= 0) return sign + "0." + "0".repeat(-n) + digits;
        String exponent = (n - 1 >= 0 ? "+" : "-") + Math.abs(n - 1);
        if (k == 1) return sign + digits + "e" + exponent;
        return sign + digits.charAt(0) + "." + digits.substring(1) + "e" + exponent;
    }

    /** JSON.stringify of a string. */
    static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean loneSurrogate = Character.isHighSurrogate(c)
                            ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || loneSurrogate) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }

    /** JavaScript's {@code a === b} for index values. */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return x.doubleValue() == y.doubleValue();
        return a != null && a.equals(b);
    }

    /**
     * The sign of a comparison as JavaScript's relational operators see it; 0 also when they are all
     * false (NaN after coercion), which callers treat as "not less and not greater".
     */
    static int compare(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) return Integer.signum(x.compareTo(y));
        double x = toNumber(a);
        double y = toNumber(b);
        if (Double.isNaN(x) || Double.isNaN(y)) return 2; // unordered
        return Double.compare(x, y) == 0 || x == y ? 0 : (x < y ? -1 : 1);
    }

    private static double toNumber(Object value) {
        if (value instanceof Number n) return n.doubleValue();
        if (value instanceof Boolean b) return b ? 1 : 0;
        if (value instanceof String s) {
            String t = s.strip();
            if (t.isEmpty()) return 0;
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** The scalar values of an index entry: the elements of a list, or the value itself. */
    static List<?> scalars(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }
}
