package io.cairn.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.ipfs.pin.PinType;
import io.cairn.ipfs.repo.Repo;
import io.cairn.ipfs.unixfs.UnixfsExporter;
import io.cairn.multiformats.Cid;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of adds loses no acknowledged add and leaves a repo that verifies. */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    @RepeatedTest(3)
    void everyAcknowledgedAddSurvivesSigkill() throws Exception {
        Path repoDir = dir.resolve("repo");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), repoDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String[]> acked = new ArrayList<>();
        long killAfter = 5 + new SplittableRandom().nextInt(20);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) acked.add(line.substring(4).split(" "));
                if (acked.size() >= killAfter) break;
            }
            child.destroyForcibly(); // SIGKILL, while the next add is in progress
            child.waitFor();
        }
        assertThat(acked).hasSizeGreaterThanOrEqualTo((int) killAfter);
        try (Repo repo = Repo.open(repoDir)) {
            UnixfsExporter exporter = new UnixfsExporter(repo.blockstore());
            for (String[] a : acked) {
                int i = Integer.parseInt(a[0]);
                Cid cid = Cid.parse(a[1]);
                byte[] expected = new byte[200_000 + i * 997];
                new SplittableRandom(i).nextBytes(expected);
                assertThat(exporter.readAll(cid)).as("acknowledged add #" + i).isEqualTo(expected);
                assertThat(repo.pins().pinType(cid)).hasValue(PinType.RECURSIVE);
            }
            assertThat(repo.verify().ok()).isTrue();
        }
    }
}
