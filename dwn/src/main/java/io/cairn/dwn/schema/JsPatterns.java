package io.cairn.dwn.schema;

import java.util.regex.Pattern;

/**
 * Compiles a JSON-schema {@code pattern} (a JavaScript regular expression with the {@code u} flag, as
 * Ajv builds it) into a Java pattern used with {@code find()}. The one difference that matters for the
 * SDK's patterns is {@code $}: in JavaScript it matches only at the very end of the input, while Java's
 * also matches before a final line terminator, so unescaped {@code $} outside classes becomes {@code \z}.
 */
public final class JsPatterns {
    private JsPatterns() {}

    public static Pattern compile(String jsRegex) {
        StringBuilder out = new StringBuilder(jsRegex.length() + 8);
        boolean inClass = false;
        for (int i = 0; i < jsRegex.length(); i++) {
            char c = jsRegex.charAt(i);
            if (c == '\\' && i + 1 < jsRegex.length()) {
                out.append(c).append(jsRegex.charAt(++i));
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
                out.append(c);
                continue;
            }
            if (c == '[') {
                inClass = true;
                out.append(c);
            } else if (c == '$') {
                out.append("\\z");
            } else if (c == '.') {
                // JavaScript's dot excludes \n, \r, \u2028 and \u2029 but, unlike Java's, not \u0085
                out.append("[^\\n\\r\\u2028\\u2029]");
            } else {
                out.append(c);
            }
        }
        return Pattern.compile(out.toString());
    }
}
