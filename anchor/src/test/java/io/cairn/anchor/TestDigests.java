package io.cairn.anchor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic pseudo-random digests for tests and benchmarks. */
public final class TestDigests {
    private TestDigests() {}

    public static List<Digest> random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Digest> out = new ArrayList<>(n);
        byte[] b = new byte[Digest.LENGTH];
        for (int i = 0; i < n; i++) {
            r.nextBytes(b);
            out.add(Digest.of(b));
        }
        return out;
    }
}
