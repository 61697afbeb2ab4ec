package io.cairn.dwn.store;

import java.security.SecureRandom;
import java.util.function.LongSupplier;

/**
 * Event-log watermarks as dwn-sdk-js's {@code EventLogLevel} makes them: monotonic ULIDs (ulidx's
 * {@code monotonicFactory}), 26 Crockford base-32 characters, 10 for the milliseconds and 16 random. Within
 * one millisecond, or when the clock goes back, the random part of the previous one is incremented, so
 * watermarks from one factory sort in the order they were made.
 */
public final class Watermarks {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int TIME_LENGTH = 10;
    private static final int RANDOM_LENGTH = 16;

    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();
    private long lastTime = -1;
    private final char[] lastRandom = new char[RANDOM_LENGTH];

    public Watermarks() {
        this(System::currentTimeMillis);
    }

    Watermarks(LongSupplier clock) {
        this.clock = clock;
    }

    public synchronized String next() {
        long now = clock.getAsLong();
        if (now <= lastTime) {
            increment(lastRandom);
        } else {
            lastTime = now;
            for (int i = 0; i < RANDOM_LENGTH; i++) lastRandom[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return encodeTime(lastTime) + new String(lastRandom);
    }

    private static String encodeTime(long millis) {
        char[] out = new char[TIME_LENGTH];
        for (int i = TIME_LENGTH - 1; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        return new String(out);
    }

    private static void increment(char[] digits) {
        for (int i = digits.length - 1; i >= 0; i--) {
            int value = indexOf(digits[i]);
            if (value < ALPHABET.length - 1) {
                digits[i] = ALPHABET[value + 1];
                return;
            }
            digits[i] = ALPHABET[0];
        }
        throw new IllegalStateException("the random part of the watermark overflowed within one millisecond");
    }

    private static int indexOf(char c) {
        for (int i = 0; i < ALPHABET.length; i++) if (ALPHABET[i] == c) return i;
        throw new IllegalStateException("not a base-32 digit: " + c);
    }
}
