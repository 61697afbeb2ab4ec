package io.cairn.dwn.jose;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** JavaScript's string conversion of JSON values, where the SDK relies on it implicitly (e.g. {@code kid.endsWith(method.id)}). */
public final class JsValues {
    private JsValues() {
    }

    /** {@code String(value)}; null stands for {@code undefined}. */
    public static String toJsString(JsonNode value) {
        if (value == null || value.isMissingNode()) return "undefined";
        if (value.isNull()) return "null";
        if (value.isTextual()) return value.textValue();
        if (value.isBoolean()) return Boolean.toString(value.booleanValue());
        if (value.isNumber()) return numberToString(value.doubleValue());
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode element : value) parts.add(element == null || element.isNull() ? "" : toJsString(element));
            return String.join(",", parts);
        }
        return "[object Object]";
    }

    /** {@code Number.prototype.toString()} for the values JSON can carry. */
    public static String numberToString(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        if (d == 0) return "0";
        if (d == Math.rint(d) && Math.abs(d) < 1e21) return new java.math.BigDecimal(d).toPlainString();
        String shortest = Double.toString(Math.abs(d)); // shortest round-trip digits, Java style
        java.math.BigDecimal exact = new java.math.BigDecimal(shortest);
        String digits = exact.unscaledValue().toString().replaceAll("0+$", "");
        if (digits.isEmpty()) digits = "0";
        int exponent = exact.precision() - exact.scale(); // position of the decimal point relative to the digits
        int k = digits.length();
        StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
        if (k <= exponent && exponent <= 21) {
            out.append(digits).append("0".repeat(exponent - k));
        } else if (0 < exponent && exponent <= 21) {
            out.append(digits, 0, exponent).append('.').append(digits.substring(exponent));
        } else if (-6 < exponent && exponent <= 0) {
            out.append("0.").append("0".repeat(-exponent)).append(digits);
        } else {
            int e = exponent - 1;
            out.append(digits.charAt(0));
            if (k > 1) out.append('.').append(digits.substring(1));
            out.append('e').append(e >= 0 ? "+" : "-").append(Math.abs(e));
        }
        return out.toString();
    }
}
