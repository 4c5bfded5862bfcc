package dev.tideflow.log.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which rotated generations to delete. A generation is everything sharing one index (segment, archive, checksum).
 * Generations are kept newest first while all limits hold; from the first one that breaks a limit, it and every
 * older one go, so deletion is always oldest-first. A limit of 0 (or a null age) is no limit.
 */
public record RetentionPolicy(int maxFiles, Duration maxAge, long maxTotalBytes) {

    public static final RetentionPolicy KEEP_ALL = new RetentionPolicy(0, null, 0);

    /** One rotated generation as retention sees it. */
    public record Generation(long index, long epochMillis, long bytes) {
    }

    public RetentionPolicy {
        if (maxFiles < 0 || maxTotalBytes < 0 || (maxAge != null && maxAge.isNegative())) {
            throw new IllegalArgumentException("retention limits must not be negative");
        }
    }

    public List<Generation> toDelete(List<Generation> generations, long nowMillis) {
        List<Generation> newestFirst = new ArrayList<>(generations);
        newestFirst.sort(Comparator.comparingLong(Generation::index).reversed());
        List<Generation> delete = new ArrayList<>();
        int kept = 0;
        long total = 0;
        boolean deleting = false;
        for (Generation g : newestFirst) {
            if (!deleting) {
                boolean withinCount = maxFiles == 0 || kept < maxFiles;
                boolean withinAge = maxAge == null || nowMillis - g.epochMillis() <= maxAge.toMillis();
                boolean withinSize = maxTotalBytes == 0 || total + g.bytes() <= maxTotalBytes;
                deleting = !(withinCount && withinAge && withinSize);
            }
            if (deleting) {
                delete.add(g);
            } else {
                kept++;
                total += g.bytes();
            }
        }
        return delete;
    }
}
