package dev.tideflow.log.encode;

import java.util.Arrays;

/**
 * Writes epoch milliseconds as ISO-8601 UTC ({@code 2025-01-31T12:34:56.789Z}) without allocating: the date part
 * is computed once per day (civil-from-days, as in Howard Hinnant's date algorithms), and the whole timestamp is
 * kept for the last millisecond, since records come in bursts that share one. Not thread-safe; each consumer owns
 * one.
 */
public final class IsoTimestampWriter {

    public static final int LENGTH = 24;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final byte[] date = new byte[11];
    /** The last millisecond's timestamp, followed by the suffix. */
    private final byte[] last;
    private long cachedDay = Long.MIN_VALUE;
    private long lastMillis = Long.MIN_VALUE;

    public IsoTimestampWriter() {
        this(new byte[0]);
    }

    /** Writes each timestamp followed by {@code suffix} (a layout's literal after the date), in one copy. */
    public IsoTimestampWriter(byte[] suffix) {
        this.last = Arrays.copyOf(new byte[LENGTH], LENGTH + suffix.length);
        System.arraycopy(suffix, 0, last, LENGTH, suffix.length);
    }

    public void write(long epochMillis, ByteOutput out) {
        if (epochMillis != lastMillis) {
            format(epochMillis);
        }
        out.writeBytes(last);
    }

    private void format(long epochMillis) {
        long day = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        if (day != cachedDay) {
            cacheDate(day);
        }
        System.arraycopy(date, 0, last, 0, date.length);
        int msOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
        digits(msOfDay / 3_600_000, 11, 2);
        last[13] = ':';
        digits(msOfDay / 60_000 % 60, 14, 2);
        last[16] = ':';
        digits(msOfDay / 1000 % 60, 17, 2);
        last[19] = '.';
        digits(msOfDay % 1000, 20, 3);
        last[23] = 'Z';
        lastMillis = epochMillis;
    }

    private void digits(int v, int at, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            last[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }

    private void cacheDate(long epochDay) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        int year = (int) Math.max(0, Math.min(9999, y));
        date[0] = (byte) ('0' + year / 1000);
        date[1] = (byte) ('0' + year / 100 % 10);
        date[2] = (byte) ('0' + year / 10 % 10);
        date[3] = (byte) ('0' + year % 10);
        date[4] = '-';
        date[5] = (byte) ('0' + m / 10);
        date[6] = (byte) ('0' + m % 10);
        date[7] = '-';
        date[8] = (byte) ('0' + d / 10);
        date[9] = (byte) ('0' + d % 10);
        date[10] = 'T';
        cachedDay = epochDay;
    }
}
