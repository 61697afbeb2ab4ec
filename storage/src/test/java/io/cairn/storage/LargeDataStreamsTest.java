package io.cairn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1 GiB of record data goes into the DataStore and back out through its stream in a JVM whose heap is
 * 64 MiB: neither direction holds the data in memory.
 */
class LargeDataStreamsTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    @Test
    void oneGibibyteStreamsInAndOutOfASixtyFourMibHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx64m", "-XX:MaxDirectMemorySize=64m",
                "-cp", System.getProperty("java.class.path"), LargeDataWriter.class.getName(), dir.resolve("repo").toString(), Long.toString(GIB))
                .redirectErrorStream(true).start();
        byte[] output;
        try {
            output = child.getInputStream().readAllBytes();
            assertThat(child.waitFor(15, TimeUnit.MINUTES)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(text).isZero();
        assertThat(text).containsPattern("(?m)^ok bafybei[a-z2-7]+ " + GIB + " \\d+$");
        long maxHeap = Long.parseLong(text.strip().replaceAll("(?s).*\\s", ""));
        assertThat(maxHeap).isLessThanOrEqualTo(64L << 20);
    }
}
