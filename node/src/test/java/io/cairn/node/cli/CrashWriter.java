package io.cairn.node.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Child-process main for the crash test: adds files through the CLI one after another and prints
 * "ACK &lt;cid&gt;" after each add has returned, i.e. once it is acknowledged. The parent kills it with
 * SIGKILL at an arbitrary moment.
 */
public final class CrashWriter {
    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]);
        Path scratch = Files.createTempDirectory("cairn-crash");
        PrintStream ack = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        for (int i = 0; ; i++) {
            byte[] data = new byte[200_000 + i * 997];
            new SplittableRandom(i).nextBytes(data);
            Path f = Files.write(scratch.resolve("f" + i), data);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int code = CairnCli.run(new String[] {"--repo", repo.toString(), "add", "-Q", f.toString()},
                    java.io.InputStream.nullInputStream(), out, System.err, Map.of());
            if (code != 0) throw new IllegalStateException("add failed with " + code);
            ack.println("ACK " + i + " " + out.toString(StandardCharsets.UTF_8).trim());
            Files.delete(f);
        }
    }
}
