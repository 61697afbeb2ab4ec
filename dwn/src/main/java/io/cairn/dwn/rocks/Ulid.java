package io.cairn.dwn.rocks;

import java.security.SecureRandom;

/** Monotonic ULIDs (ulidx's monotonicFactory): within one millisecond the random part is incremented. */
final class Ulid {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private final SecureRandom random = new SecureRandom();
    private long lastTime = -1;
    private final byte[] randomness = new byte[10]; // 80 bits

    synchronized String next() {
        long now = System.currentTimeMillis();
        if (now <= lastTime) {
            increment();
        } else {
            lastTime = now;
            random.nextBytes(randomness);
        }
        return encodeTime(lastTime) + encodeRandom();
    }

    private void increment() {
        for (int i = randomness.length - 1; i >= 0; i--) {
            if (++randomness[i] != 0) return;
        }
        throw new IllegalStateException("ULID randomness overflowed within one millisecond");
    }

    private static String encodeTime(long time) {
        char[] out = new char[10];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        return new String(out);
    }

    private String encodeRandom() {
        char[] out = new char[16];
        // 80 bits, 5 at a time, most significant first
        for (int i = 0; i < 16; i++) {
            int bit = i * 5;
            int value = 0;
            for (int b = 0; b < 5; b++) {
                int position = bit + b;
                int bitValue = (randomness[position / 8] >> (7 - position % 8)) & 1;
                value = (value << 1) | bitValue;
            }
            out[i] = ALPHABET[value];
        }
        return new String(out);
    }
}
