package io.cairn.dwn.message;

import io.cairn.dwn.DwnError;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SDK's timestamps: ISO 8601 in UTC with exactly six fractional digits (the JSON schema's
 * {@code date-time}), and {@code Time.validateTimestamp}, which asks Temporal whether the instant exists
 * (month, day of that month, hour; a leap second {@code :60} is accepted and clamped).
 */
public final class Timestamps {
    private static final Pattern ISO = Pattern.compile("^([+-]\\d{6}|\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d{1,9})?Z$");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
        .withZone(java.time.ZoneOffset.UTC);

    private Timestamps() {}

    public static void validate(String timestamp) {
        if (!isValid(timestamp)) {
            throw new DwnError("TimestampInvalid", "Invalid timestamp: " + timestamp);
        }
    }

    static boolean isValid(String timestamp) {
        if (timestamp == null) {
            return false;
        }
        Matcher m = ISO.matcher(timestamp);
        if (!m.matches()) {
            return false;
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        int hour = Integer.parseInt(m.group(4));
        int minute = Integer.parseInt(m.group(5));
        int second = Integer.parseInt(m.group(6));
        if (month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return false;
        }
        return hour <= 23 && minute <= 59 && second <= 60;
    }

    /** The current time as the SDK writes it ({@code Time.getCurrentTimestamp}: microseconds, UTC). */
    public static String now() {
        return MICROS.format(Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
