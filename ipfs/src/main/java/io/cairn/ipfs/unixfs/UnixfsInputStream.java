package io.cairn.ipfs.unixfs;

import java.io.InputStream;

/** An InputStream over a file's byte range that loads blocks as it is read. */
final class UnixfsInputStream extends InputStream {
    private final FileRangeReader segments;
    private FileRangeReader.Segment current;
    private int pos;

    UnixfsInputStream(FileRangeReader segments) {
        this.segments = segments;
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
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        if (!advance()) return -1;
        int n = Math.min(len, current.to() - pos);
        System.arraycopy(current.bytes(), pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public long transferTo(java.io.OutputStream out) throws java.io.IOException {
        long total = 0;
        if (current != null && pos < current.to()) {
            out.write(current.bytes(), pos, current.to() - pos);
            total += current.to() - pos;
            pos = current.to();
        }
        while (segments.hasNext()) {
            FileRangeReader.Segment s = segments.next();
            out.write(s.bytes(), s.from(), s.length());
            total += s.length();
        }
        return total;
    }
}
