package dev.tideflow.log.sink;

import dev.tideflow.log.sink.RetentionPolicy.Generation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetentionPolicyTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long NOW = 100 * DAY;

    private static List<Generation> generations() {
        // A higher index is newer: index 5 rotated a day ago, index 1 five days ago. Given out of order.
        return List.of(
                new Generation(3, NOW - 3 * DAY, 300),
                new Generation(1, NOW - 5 * DAY, 100),
                new Generation(5, NOW - DAY, 500),
                new Generation(2, NOW - 4 * DAY, 200),
                new Generation(4, NOW - 2 * DAY, 400));
    }

    private static List<Long> deleted(RetentionPolicy policy) {
        return policy.toDelete(generations(), NOW).stream().map(Generation::index).toList();
    }

    @Test
    void byCountKeepsTheNewest() {
        assertEquals(List.of(2L, 1L), deleted(new RetentionPolicy(3, null, 0)));
    }

    @Test
    void byAgeDropsWhatIsOlderThanTheLimit() {
        assertEquals(List.of(2L, 1L), deleted(new RetentionPolicy(0, Duration.ofDays(3), 0)));
    }

    @Test
    void byTotalSizeDeletesOldestFirstEvenIfAnOlderOneWouldStillFit() {
        // 500 + 400 = 900 fits in 1000; 300 does not, and then neither may anything older (oldest-first).
        assertEquals(List.of(3L, 2L, 1L), deleted(new RetentionPolicy(0, null, 1000)));
    }

    @Test
    void theStrictestLimitWinsAndNoLimitKeepsAll() {
        assertEquals(List.of(4L, 3L, 2L, 1L), deleted(new RetentionPolicy(10, Duration.ofDays(30), 600)));
        assertEquals(List.of(), deleted(RetentionPolicy.KEEP_ALL));
    }
}
