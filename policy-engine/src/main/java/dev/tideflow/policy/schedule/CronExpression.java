package dev.tideflow.policy.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A standard 5-field cron expression ({@code minute hour day-of-month month day-of-week}, as crontab(5) and
 * Kubernetes CronJobs write it) matched against wall-clock date-times. Each field takes {@code *}, a value, a
 * range {@code a-b}, a step {@code * /n} or {@code a-b/n}, and comma-separated lists of those; months and days
 * take English names ({@code JAN}, {@code MON}); day-of-week 0 and 7 are both Sunday. As in crontab, when both
 * day-of-month and day-of-week are restricted a day matches either of them. No seconds, years, {@code L},
 * {@code W}, {@code #} or {@code ?}: a policy says when a window opens to the minute.
 */
public final class CronExpression {

    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
        "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronExpression(String text, BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months,
            BitSet daysOfWeek, boolean dayOfMonthRestricted, boolean dayOfWeekRestricted) {
        this.text = text;
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.dayOfMonthRestricted = dayOfMonthRestricted;
        this.dayOfWeekRestricted = dayOfWeekRestricted;
    }

    /** @throws IllegalArgumentException naming the field that is wrong and why */
    public static CronExpression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a cron expression is required");
        }
        String[] fields = text.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("expected 5 fields (minute hour day-of-month month day-of-week), got "
                    + fields.length);
        }
        BitSet minutes = field("minute", fields[0], 0, 59, null);
        BitSet hours = field("hour", fields[1], 0, 23, null);
        BitSet daysOfMonth = field("day-of-month", fields[2], 1, 31, null);
        BitSet months = field("month", fields[3], 1, 12, MONTHS);
        BitSet daysOfWeek = field("day-of-week", fields[4], 0, 7, DAYS);
        if (daysOfWeek.get(7)) {
            daysOfWeek.set(0);
            daysOfWeek.clear(7);
        }
        return new CronExpression(text.trim(), minutes, hours, daysOfMonth, months, daysOfWeek,
                !fields[2].startsWith("*"), !fields[4].startsWith("*"));
    }

    /** The reason {@code text} is not a cron expression; empty if it is one. */
    public static Optional<String> problem(String text) {
        try {
            parse(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    public boolean matchesDay(LocalDate date) {
        if (!months.get(date.getMonthValue())) {
            return false;
        }
        boolean dom = daysOfMonth.get(date.getDayOfMonth());
        boolean dow = daysOfWeek.get(date.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : date.getDayOfWeek().getValue());
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    public boolean matches(LocalDateTime time) {
        return matchesDay(time.toLocalDate()) && hours.get(time.getHour()) && minutes.get(time.getMinute());
    }

    /** The wall-clock times the expression fires on {@code date}, earliest first; empty if the day does not match. */
    public List<LocalDateTime> firingsOn(LocalDate date) {
        List<LocalDateTime> firings = new ArrayList<>();
        if (!matchesDay(date)) {
            return firings;
        }
        for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
            for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                firings.add(date.atTime(h, m));
            }
        }
        return firings;
    }

    @Override
    public String toString() {
        return text;
    }

    private static BitSet field(String name, String text, int min, int max, String[] names) {
        BitSet values = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException(name + " field '" + text + "' has an empty list entry");
            }
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(name, part.substring(slash + 1), names == null ? null : new String[0]);
                if (step < 1) {
                    throw new IllegalArgumentException(name + " field '" + text + "': the step must be at least 1");
                }
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = names == DAYS ? 6 : max;
            } else {
                int dash = range.indexOf('-');
                from = number(name, dash >= 0 ? range.substring(0, dash) : range, names);
                to = dash >= 0 ? number(name, range.substring(dash + 1), names) : slash >= 0 ? max : from;
            }
            if (from < min || to > max || from > to) {
                throw new IllegalArgumentException(name + " field '" + text + "': '" + range + "' is outside "
                        + min + "-" + max + " or runs backwards");
            }
            for (int v = from; v <= to; v += step) {
                values.set(v);
            }
        }
        return values;
    }

    private static int number(String name, String token, String[] names) {
        if (names != null) {
            String upper = token.toUpperCase(Locale.ROOT);
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(upper)) {
                    return names == MONTHS ? i + 1 : i;
                }
            }
        }
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " field: '" + token + "' is not a number"
                    + (names != null && names.length > 0 ? " or a name" : ""));
        }
    }
}
