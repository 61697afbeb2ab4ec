package io.cairn.node.cli;

import io.cairn.error.CairnException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * What {@code cairn add} sends to a node's {@code /api/v0/add}: a {@code multipart/form-data} body as
 * Kubo's clients write it, one part per entry named by its url-escaped path (directories
 * {@code application/x-directory}, symlinks inside a directory {@code application/symlink} holding the
 * target), in the order the local importer walks the tree. Files are opened only when their part is
 * sent, so the body streams.
 */
final class MultipartUpload {
    private enum Kind { FILE, DIRECTORY, SYMLINK }

    private record Entry(Kind kind, String name, Path source, InputStream stream) {}

    final String boundary = "cairn-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private final List<Entry> entries = new ArrayList<>();

    /** One unnamed file read from {@code in} (the node names it by its CID). */
    static MultipartUpload ofStream(InputStream in) {
        MultipartUpload u = new MultipartUpload();
        u.entries.add(new Entry(Kind.FILE, "", null, in));
        return u;
    }

    /** A file, or a directory tree with {@code name} as its root. */
    static MultipartUpload ofPath(Path path, String name) throws IOException {
        MultipartUpload u = new MultipartUpload();
        u.walk(path, name, true);
        return u;
    }

    private void walk(Path path, String name, boolean top) throws IOException {
        if (!top && Files.isSymbolicLink(path)) {
            entries.add(new Entry(Kind.SYMLINK, name, Files.readSymbolicLink(path), null));
        } else if (Files.isDirectory(path)) {
            entries.add(new Entry(Kind.DIRECTORY, name, path, null));
            List<Path> children;
            try (Stream<Path> s = Files.list(path)) {
                children = new ArrayList<>(s.toList());
            }
            children.sort((a, b) -> Arrays.compareUnsigned(nameBytes(a), nameBytes(b)));
            for (Path child : children) walk(child, name + "/" + child.getFileName(), false);
        } else if (Files.isRegularFile(path)) {
            entries.add(new Entry(Kind.FILE, name, path, null));
        } else {
            throw new CairnException(CairnException.Kind.BAD_INPUT, "unsupported_file", path + " is not a regular file or directory");
        }
    }

    private static byte[] nameBytes(Path p) {
        return p.getFileName().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The body; {@code progress} gets the running byte count of the file being sent (restarting at each file). */
    InputStream body(LongConsumer progress) {
        Iterator<Entry> it = entries.iterator();
        return new java.io.SequenceInputStream(new java.util.Enumeration<>() {
            private boolean first = true;
            private Entry pendingContent;
            private boolean closed;

            @Override
            public boolean hasMoreElements() {
                return pendingContent != null || it.hasNext() || !closed;
            }

            @Override
            public InputStream nextElement() {
                if (pendingContent != null) {
                    Entry e = pendingContent;
                    pendingContent = null;
                    return content(e, progress);
                }
                if (it.hasNext()) {
                    Entry e = it.next();
                    String head = (first ? "" : "\r\n") + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                            + URLEncoder.encode(e.name(), StandardCharsets.UTF_8).replace("+", "%20") + "\"\r\nContent-Type: "
                            + switch (e.kind()) {
                                case FILE -> "application/octet-stream";
                                case DIRECTORY -> "application/x-directory";
                                case SYMLINK -> "application/symlink";
                            } + "\r\n\r\n";
                    first = false;
                    if (e.kind() != Kind.DIRECTORY) pendingContent = e;
                    return bytes(head);
                }
                closed = true;
                return bytes("\r\n--" + boundary + "--\r\n");
            }
        });
    }

    private static InputStream content(Entry e, LongConsumer progress) {
        if (e.kind() == Kind.SYMLINK) return bytes(e.source().toString());
        InputStream in;
        try {
            in = e.stream() != null ? e.stream() : Files.newInputStream(e.source());
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return new FilterInputStream(in) {
            private long sent;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) progress.accept(sent += n);
                return n;
            }
        };
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
