package io.cairn.dwn.protocol;

import io.cairn.dwn.DwnError;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Protocol and schema URI normalization as dwn-sdk-js's {@code utils/url.ts}: a scheme-less URI gets
 * {@code http://}, the URI is parsed as a WHATWG URL (lower-case host, default port dropped, dot segments
 * resolved, path percent-encoded), query and fragment are dropped, and one trailing slash is removed.
 */
public final class ProtocolUrls {
    private static final Pattern HAS_SCHEME = Pattern.compile("^[^:\\n\\r\\u2028\\u2029]+:(/{2})?[^/\\n\\r\\u2028\\u2029].*");
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*");
    private static final Map<String, Integer> SPECIAL_SCHEMES =
            Map.of("http", 80, "https", 443, "ws", 80, "wss", 443, "ftp", 21, "file", -1);

    private ProtocolUrls() {}

    public static String normalize(String url) {
        String full = HAS_SCHEME.matcher(url).lookingAt() ? url : "http://" + url;
        String href = WhatwgHref.of(full);
        if (href == null) {
            throw new DwnError("UrlProtocolNotNormalizable", "Could not normalize protocol URI");
        }
        return href.endsWith("/") ? href.substring(0, href.length() - 1) : href;
    }

    public static void validateProtocolNormalized(String url) {
        if (!url.equals(normalizedOrNull(url))) {
            throw new DwnError("UrlProtocolNotNormalized", "Protocol URI " + url + " must be normalized.");
        }
    }

    public static void validateSchemaNormalized(String url) {
        if (!url.equals(normalizedOrNull(url))) {
            throw new DwnError("UrlSchemaNotNormalized", "Schema URI " + url + " must be normalized.");
        }
    }

    private static String normalizedOrNull(String url) {
        try {
            return normalize(url);
        } catch (DwnError e) {
            return null;
        }
    }

    /** The {@code href} of {@code new URL(input)} with search and hash cleared; null where the URL parser fails. */
    private static final class WhatwgHref {
        static String of(String input) {
            String s = strip(input);
            int colon = s.indexOf(':');
            if (colon <= 0 || !SCHEME.matcher(s.substring(0, colon)).matches()) {
                return null;
            }
            String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
            String rest = cutQueryAndFragment(s.substring(colon + 1));
            return SPECIAL_SCHEMES.containsKey(scheme) ? special(scheme, rest) : nonSpecial(scheme, rest);
        }

        private static String strip(String input) {
            int start = 0;
            int end = input.length();
            while (start < end && input.charAt(start) <= ' ') {
                start++;
            }
            while (end > start && input.charAt(end - 1) <= ' ') {
                end--;
            }
            return input.substring(start, end).replaceAll("[\\t\\n\\r]", "");
        }

        private static String cutQueryAndFragment(String rest) {
            int cut = rest.length();
            int q = rest.indexOf('?');
            int h = rest.indexOf('#');
            if (q >= 0) {
                cut = q;
            }
            if (h >= 0 && h < cut) {
                cut = h;
            }
            return rest.substring(0, cut);
        }

        private static String special(String scheme, String rest) {
            String r = rest.replace('\\', '/');
            int i = 0;
            while (i < r.length() && r.charAt(i) == '/') {
                i++;
            }
            r = r.substring(i);
            int slash = r.indexOf('/');
            String authority = slash < 0 ? r : r.substring(0, slash);
            String path = slash < 0 ? "" : r.substring(slash);
            int at = authority.lastIndexOf('@');
            String userinfo = at < 0 ? "" : authority.substring(0, at);
            String hostPort = at < 0 ? authority : authority.substring(at + 1);
            String host = hostPort;
            String port = "";
            int portColon = hostPort.startsWith("[") ? hostPort.indexOf(':', Math.max(0, hostPort.indexOf(']'))) : hostPort.lastIndexOf(':');
            if (portColon >= 0) {
                host = hostPort.substring(0, portColon);
                port = hostPort.substring(portColon + 1);
            }
            if (host.isEmpty() && !scheme.equals("file")) {
                return null;
            }
            String asciiHost = asciiHost(percentDecode(host));
            if (asciiHost == null) {
                return null;
            }
            String portPart = normalizePort(scheme, port);
            if (portPart == null) {
                return null;
            }
            StringBuilder href = new StringBuilder(scheme).append("://");
            if (!userinfo.isEmpty()) {
                href.append(encode(userinfo, "\"#<>?`{}/;=@[\\]^|")).append('@');
            }
            href.append(asciiHost).append(portPart).append(normalizePath(path));
            return href.toString();
        }

        private static String normalizePort(String scheme, String port) {
            if (port.isEmpty()) {
                return "";
            }
            if (!port.chars().allMatch(Character::isDigit)) {
                return null;
            }
            long value = port.length() > 6 ? Long.MAX_VALUE : Long.parseLong(port);
            if (value > 65535) {
                return null;
            }
            return value == SPECIAL_SCHEMES.get(scheme) ? "" : ":" + value;
        }

        private static String asciiHost(String host) {
            if (host.startsWith("[")) {
                // the URL parser fails an unclosed bracket or one holding what cannot be an IPv6 address
                boolean closed = host.length() > 2 && host.endsWith("]");
                return closed && IPV6_TEXT.matcher(host.substring(1, host.length() - 1)).matches() ? host.toLowerCase(Locale.ROOT) : null;
            }
            String ascii;
            try {
                ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return null;
            }
            for (char c : ascii.toCharArray()) {
                if (c <= ' ' || "#%/:<>?@[\\]^|".indexOf(c) >= 0 || c == 0x7f) {
                    return null;
                }
            }
            return ascii;
        }

        private static String normalizePath(String path) {
            List<String> out = new ArrayList<>();
            String[] segments = path.isEmpty() ? new String[] {""} : path.substring(1).split("/", -1);
            for (int i = 0; i < segments.length; i++) {
                String segment = segments[i];
                String lower = segment.toLowerCase(Locale.ROOT);
                boolean last = i == segments.length - 1;
                if (lower.equals("..") || lower.equals(".%2e") || lower.equals("%2e.") || lower.equals("%2e%2e")) {
                    if (!out.isEmpty()) {
                        out.remove(out.size() - 1);
                    }
                    if (last) {
                        out.add("");
                    }
                } else if (lower.equals(".") || lower.equals("%2e")) {
                    if (last) {
                        out.add("");
                    }
                } else {
                    out.add(encode(segment, "\"#<>?`{}"));
                }
            }
            return "/" + String.join("/", out);
        }

        private static String nonSpecial(String scheme, String rest) {
            if (rest.startsWith("//")) {
                String r = rest.substring(2);
                int slash = r.indexOf('/');
                String authority = slash < 0 ? r : r.substring(0, slash);
                String path = slash < 0 ? "" : r.substring(slash);
                return scheme + "://" + encode(authority, "") + (path.isEmpty() ? "" : normalizePath(path));
            }
            if (rest.startsWith("/")) {
                return scheme + ":" + normalizePath(rest);
            }
            return scheme + ":" + encode(rest, "");
        }

        private static String encode(String text, String alsoEncoded) {
            StringBuilder out = new StringBuilder();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                int c = b & 0xff;
                if (c <= 0x20 || c >= 0x7f || alsoEncoded.indexOf(c) >= 0) {
                    out.append('%').append(String.format("%02X", c));
                } else {
                    out.append((char) c);
                }
            }
            return out.toString();
        }

        private static String percentDecode(String text) {
            if (text.indexOf('%') < 0) {
                return text;
            }
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            byte[] raw = text.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == '%' && i + 2 < raw.length && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
                    bytes.write(Integer.parseInt(new String(raw, i + 1, 2, StandardCharsets.US_ASCII), 16));
                    i += 2;
                } else {
                    bytes.write(raw[i]);
                }
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }

        private static boolean isHex(byte b) {
            return Character.digit(b, 16) >= 0;
        }
    }
}
