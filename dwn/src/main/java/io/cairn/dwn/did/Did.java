package io.cairn.dwn.did;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed DID URL, as @web5/dids' {@code Did.parse}: {@code did:<method>:<id>} then optional path,
 * query and fragment. {@link #uri()} is the bare DID. Parsing is a hand-written scanner equivalent to the
 * SDK's regular expression (which Java's regex engine would run with deep recursion on long input).
 */
public record Did(String uri, String method, String id, String path, String query, String fragment, Map<String, String> params) {

    /** The DID URL parsed, or null if it is not one (the SDK's {@code Did.parse} returning null). */
    public static Did parse(String didUri) {
        if (didUri == null || didUri.isEmpty() || !didUri.startsWith("did:")) return null;
        int i = 4;
        int methodStart = i;
        while (i < didUri.length() && isMethodChar(didUri.charAt(i))) i++;
        if (i == methodStart || i >= didUri.length() || didUri.charAt(i) != ':') return null;
        String method = didUri.substring(methodStart, i);
        i++;
        int idEnd = scanMethodSpecificId(didUri, i);
        if (idEnd < 0) return null;
        String id = didUri.substring(i, idEnd);
        i = idEnd;
        String path = null;
        String query = null;
        String fragment = null;
        if (i < didUri.length() && didUri.charAt(i) == '/') {
            int start = i;
            while (i < didUri.length() && didUri.charAt(i) != '#' && didUri.charAt(i) != '?') i++;
            path = didUri.substring(start, i);
        }
        if (i < didUri.length() && didUri.charAt(i) == '?') {
            int start = i;
            while (i < didUri.length() && didUri.charAt(i) != '#') i++;
            query = didUri.substring(start, i);
        }
        if (i < didUri.length() && didUri.charAt(i) == '#') {
            if (!noLineTerminator(didUri, i + 1)) return null;
            fragment = didUri.substring(i);
            i = didUri.length();
        }
        if (i != didUri.length()) return null;
        Map<String, String> params = null;
        if (query != null) {
            params = new LinkedHashMap<>();
            for (String pair : query.substring(1).split("&", -1)) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = null;
                if (eq >= 0) {
                    int next = pair.indexOf('=', eq + 1);
                    value = next < 0 ? pair.substring(eq + 1) : pair.substring(eq + 1, next);
                }
                params.put(key, value);
            }
        }
        return new Did("did:" + method + ":" + id, method, id,
                path,
                query == null ? null : query.substring(1),
                fragment == null ? null : fragment.substring(1),
                params);
    }

    /**
     * Whether the text matches the DWN schemas' {@code did} pattern (defs.json): like the above, plus
     * {@code ;name=value} parameters after the method-specific ID.
     */
    public static boolean matchesDwnDidPattern(String text) {
        if (!text.startsWith("did:")) return false;
        int i = 4;
        int methodStart = i;
        while (i < text.length() && isMethodChar(text.charAt(i))) i++;
        if (i == methodStart || i >= text.length() || text.charAt(i) != ':') return false;
        i = scanMethodSpecificId(text, i + 1);
        if (i < 0) return false;
        while (i < text.length() && text.charAt(i) == ';') {
            int nameStart = ++i;
            while (i < text.length() && isParamChar(text.charAt(i))) i++;
            if (i == nameStart || i >= text.length() || text.charAt(i) != '=') return false;
            i++;
            while (i < text.length() && isParamChar(text.charAt(i))) i++;
        }
        if (i < text.length() && text.charAt(i) == '/') {
            while (i < text.length() && text.charAt(i) != '#' && text.charAt(i) != '?') i++;
        }
        if (i < text.length() && text.charAt(i) == '?') {
            while (i < text.length() && text.charAt(i) != '#') i++;
        }
        if (i < text.length() && text.charAt(i) == '#') {
            return noLineTerminator(text, i + 1);
        }
        return i == text.length();
    }

    /** End of {@code ((idchar* ':')* idchar+)} from {@code start}, or -1; idchar is [a-zA-Z0-9._-] or %XX. */
    private static int scanMethodSpecificId(String s, int start) {
        int i = start;
        int lastIdCharEnd = -1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isIdChar(c)) {
                i++;
                lastIdCharEnd = i;
            } else if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                i += 3;
                lastIdCharEnd = i;
            } else if (c == ':') {
                i++;
            } else {
                break;
            }
        }
        // the greedy run must end on an ID character; the SDK's pattern cannot place a trailing ':' or a bad '%' elsewhere
        return lastIdCharEnd == i ? i : -1;
    }

    private static boolean noLineTerminator(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') return false;
        }
        return true;
    }

    private static boolean isMethodChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isIdChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    }

    private static boolean isParamChar(char c) {
        return isIdChar(c) || c == ':' || c == '%';
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
