package io.cairn.node.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Picks a Content-Type for file bytes: by the name's extension, else by the first bytes. */
final class ContentTypes {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("md", "text/markdown; charset=utf-8"),
            Map.entry("xml", "application/xml"), Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("ico", "image/x-icon"),
            Map.entry("pdf", "application/pdf"), Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"), Map.entry("tar", "application/x-tar"),
            Map.entry("wasm", "application/wasm"), Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("wav", "audio/wav"), Map.entry("car", "application/vnd.ipld.car"));

    private ContentTypes() {}

    static String of(String name, byte[] head) {
        if (name != null) {
            int dot = name.lastIndexOf('.');
            if (dot >= 0) {
                String t = BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
                if (t != null) return t;
            }
        }
        return sniff(head);
    }

    static String sniff(byte[] b) {
        if (startsWith(b, 0x89, 'P', 'N', 'G')) return "image/png";
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) return "image/jpeg";
        if (startsWith(b, 'G', 'I', 'F', '8')) return "image/gif";
        if (startsWith(b, '%', 'P', 'D', 'F')) return "application/pdf";
        if (startsWith(b, 'P', 'K', 3, 4)) return "application/zip";
        if (startsWith(b, 0x1F, 0x8B)) return "application/gzip";
        String text = utf8(b);
        if (text != null) {
            String t = text.stripLeading().toLowerCase(Locale.ROOT);
            if (t.startsWith("<!doctype html") || t.startsWith("<html")) return "text/html; charset=utf-8";
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if ((b[i] & 0xFF) != prefix[i]) return false;
        return true;
    }

    /** The bytes as text if they are UTF-8 without control characters (a cut multi-byte tail is fine). */
    private static String utf8(byte[] b) {
        int n = b.length;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') return null;
        }
        for (int cut = 0; cut < 4 && cut <= n; cut++) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b, 0, n - cut)).toString();
            } catch (CharacterCodingException e) {
                // maybe the sample ends inside a multi-byte character: try a shorter prefix
            }
        }
        return null;
    }
}
