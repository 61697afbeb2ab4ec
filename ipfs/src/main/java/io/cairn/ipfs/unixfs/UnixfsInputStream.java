package io.cairn.ipfs.unixfs;

import io.cairn.multiformats.Cid;
import java.io.InputStream;
import java.util.Iterator;

/** An InputStream over a file's byte range that loads one block at a time. */
final class UnixfsInputStream extends InputStream {
    private final Iterator<UnixfsExporter.Segment> segments;
    private UnixfsExporter.Segment current;
    private int pos;

    UnixfsInputStream(UnixfsExporter exporter, Cid file, long offset, long length) {
        this.segments = exporter.segments(file, offset, length);
    }

    private boolean advance() {
        while (current == null || pos >= current.to()) {
            if (!segments.hasNext()) return false;
            current = segments.next();
            pos = current.from();
        }
        return true;
    }

    @Override
    public int read() {
        if (!advance()) return -1;
        return current.bytes()[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) return 0;
        if (!advance()) return -1;
        int n = Math.min(len, current.to() - pos);
        System.arraycopy(current.bytes(), pos, b, off, n);
        pos += n;
        return n;
    }
}
