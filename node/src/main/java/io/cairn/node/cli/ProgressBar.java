package io.cairn.node.cli;

import java.io.PrintStream;

/** A one-line progress bar on stderr, redrawn at most ten times a second. */
final class ProgressBar {
    private static final int WIDTH = 40;
    private final PrintStream err;
    private final long total;
    private long fileBase;
    private long lastFileBytes;
    private long lastDraw;

    ProgressBar(PrintStream err, long total) {
        this.err = err;
        this.total = Math.max(1, total);
    }

    /** Called with the running byte count of the current file; counts restart at each file. */
    void update(long fileBytes) {
        if (fileBytes < lastFileBytes) fileBase += lastFileBytes;
        lastFileBytes = fileBytes;
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L) return;
        lastDraw = now;
        draw(fileBase + fileBytes);
    }

    void finish() {
        draw(total);
        err.println();
    }

    private void draw(long done) {
        int filled = (int) Math.min(WIDTH, done * WIDTH / total);
        err.print("\r" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + String.format(" %6.1f MiB / %.1f MiB", done / 1048576.0, total / 1048576.0));
        err.flush();
    }
}
