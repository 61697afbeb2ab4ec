package io.cairn.node.http;

import io.cairn.error.CairnException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code multipart/form-data} body part by part without holding it: each part's body is an
 * InputStream that ends at the next boundary, read through a fixed buffer. A part must be read (or
 * skipped by asking for the next one) before the next one starts.
 */
public final class MultipartReader {
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    /** One part: its headers (names lower-cased) and its body. */
    public record Part(Map<String, String> headers, InputStream body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final InputStream in;
    private final byte[] delimiter; // CRLF "--" boundary
    private final byte[] buf;
    private int start;
    private int end;
    private boolean inputEnded;
    private boolean finished;
    private PartBody current;

    public MultipartReader(InputStream in, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) throw bad("the multipart boundary is missing or too long");
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[BUFFER + delimiter.length];
        // the first boundary has no CRLF before it: pretend it has, so every boundary is the same delimiter
        buf[0] = '\r';
        buf[1] = '\n';
        end = 2;
    }

    /** The boundary parameter of a {@code multipart/form-data} content type, or empty when it is not one. */
    public static Optional<String> boundaryOf(String contentType) {
        if (contentType == null) return Optional.empty();
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("multipart/form-data")) return Optional.empty();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                String v = p.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
                return v.isEmpty() ? Optional.empty() : Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The next part, or empty after the closing boundary. Whatever is left of the previous part is skipped. */
    public Optional<Part> next() throws IOException {
        if (finished) return Optional.empty();
        if (current != null) {
            current.skipRest();
        } else if (!skipToFirstDelimiter()) {
            throw bad("the multipart body has no boundary");
        }
        // after a delimiter: "--" closes the body, CRLF starts a part's headers (transport padding allowed)
        if (!fill(2)) throw bad("the multipart body ends after a boundary");
        if (buf[start] == '-' && buf[start + 1] == '-') {
            finished = true;
            return Optional.empty();
        }
        while (true) {
            if (!fill(1)) throw bad("the multipart body ends after a boundary");
            byte b = buf[start];
            if (b == ' ' || b == '\t') {
                start++;
            } else {
                break;
            }
        }
        if (!fill(2) || buf[start] != '\r' || buf[start + 1] != '\n') throw bad("a multipart boundary is not followed by CRLF");
        start += 2;
        Map<String, String> headers = readHeaders();
        current = new PartBody();
        return Optional.of(new Part(headers, current));
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        while (true) {
            String line = readLine();
            total += line.length() + 2;
            if (total > MAX_HEADER_BYTES) throw bad("the headers of a multipart part are larger than " + MAX_HEADER_BYTES + " bytes");
            if (line.isEmpty()) return headers;
            int colon = line.indexOf(':');
            if (colon <= 0) throw bad("malformed multipart header line");
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (!fill(1)) throw bad("the multipart body ends inside a part's headers");
            byte b = buf[start++];
            if (b == '\n') {
                int n = sb.length();
                if (n > 0 && sb.charAt(n - 1) == '\r') sb.setLength(n - 1);
                return sb.toString();
            }
            sb.append((char) (b & 0xFF));
            if (sb.length() > MAX_HEADER_BYTES) throw bad("a multipart header line is too long");
        }
    }

    /** Skips a preamble up to and past the first delimiter; false when the body has none. */
    private boolean skipToFirstDelimiter() throws IOException {
        while (true) {
            fill(delimiter.length);
            int at = find(start, end);
            if (at >= 0) {
                start = at + delimiter.length;
                return true;
            }
            if (inputEnded) return false;
            start = Math.max(start, end - delimiter.length + 1);
            fillMore();
        }
    }

    /** Ensures {@code n} bytes are buffered, unless the input ends first; compacts the buffer when needed. */
    private boolean fill(int n) throws IOException {
        while (end - start < n && !inputEnded) {
            if (start > 0 && (buf.length - end < n || start == end)) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            int r = in.read(buf, end, buf.length - end);
            if (r < 0) inputEnded = true;
            else end += r;
        }
        return end - start >= n;
    }

    private static CairnException bad(String message) {
        return new CairnException(CairnException.Kind.BAD_INPUT, "invalid_multipart", message);
    }

    /** A part's bytes up to the next delimiter. */
    private final class PartBody extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) return -1;
            if (len == 0) return 0;
            while (true) {
                fill(delimiter.length);
                int at = find(start, end);
                if (at == start) {
                    start += delimiter.length;
                    done = true;
                    return -1;
                }
                // bytes before a delimiter, or that cannot be the start of one, are the part's
                int safe = at >= 0 ? at : (inputEnded ? -1 : Math.max(start, end - delimiter.length + 1));
                if (safe < 0) throw bad("the multipart body ends inside a part (no closing boundary)");
                if (safe > start) {
                    int n = Math.min(len, safe - start);
                    System.arraycopy(buf, start, b, off, n);
                    start += n;
                    return n;
                }
                if (inputEnded) throw bad("the multipart body ends inside a part (no closing boundary)");
                // fewer bytes than a delimiter are buffered and they may begin one: read more
                int before = end - start;
                fillMore();
                if (end - start == before && inputEnded) throw bad("the multipart body ends inside a part (no closing boundary)");
            }
        }

        void skipRest() throws IOException {
            byte[] skip = new byte[8192];
            while (read(skip, 0, skip.length) >= 0) {
                // discard
            }
        }
    }

    /** Reads at least one more byte into the buffer unless the input has ended. */
    private void fillMore() throws IOException {
        fill(end - start + 1);
    }

    /** The index of the first delimiter in buf[from, to), or -1. */
    private int find(int from, int to) {
        int last = to - delimiter.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
