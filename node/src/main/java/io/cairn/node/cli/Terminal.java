package io.cairn.node.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a standard stream is a terminal. Java 21 has no such test for stderr (and since JDK 22
 * {@code System.console()} is non-null even when the streams are redirected), so on Linux this asks
 * /proc where the file descriptor points; elsewhere it answers false, which only hides the progress bar.
 */
final class Terminal {
    static final int STDERR = 2;

    private Terminal() {}

    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }
}
