package io.cairn.dwn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WatermarksTest {
    @Test
    void ulidsFromOneFactoryIncreaseEvenWhenTheClockStandsStillOrGoesBack() {
        AtomicLong clock = new AtomicLong(1_764_000_000_000L);
        Watermarks watermarks = new Watermarks(clock::get);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            if (i % 500 == 499) clock.addAndGet(-10);
            else if (i % 7 == 0) clock.incrementAndGet();
            made.add(watermarks.next());
        }
        assertThat(made).isSorted().doesNotHaveDuplicates();
        assertThat(made).allMatch(w -> w.matches("[0-9A-HJKMNP-TV-Z]{26}"));
    }

    @Test
    void theFirstTenCharactersAreTheMillisecondsInCrockfordBase32() {
        Watermarks watermarks = new Watermarks(() -> 1_469_918_176_385L); // ulid's documented example time
        assertThat(watermarks.next()).startsWith("01ARYZ6S41");
    }
}
