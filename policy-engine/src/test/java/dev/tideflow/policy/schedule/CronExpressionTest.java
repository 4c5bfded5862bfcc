package dev.tideflow.policy.schedule;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CronExpressionTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

    @Test
    void weekdayMorningsFireOnceEachWeekday() {
        CronExpression cron = CronExpression.parse("0 8 * * MON-FRI");

        assertEquals(List.of(MONDAY.atTime(8, 0)), cron.firingsOn(MONDAY));
        assertEquals(List.of(MONDAY.plusDays(4).atTime(8, 0)), cron.firingsOn(MONDAY.plusDays(4)));
        assertEquals(List.of(), cron.firingsOn(MONDAY.plusDays(5)));
        assertEquals(List.of(), cron.firingsOn(MONDAY.minusDays(1)));
    }

    @Test
    void stepsRangesAndListsCombine() {
        CronExpression cron = CronExpression.parse("*/20 9-10,22 * * *");

        assertEquals(List.of(MONDAY.atTime(9, 0), MONDAY.atTime(9, 20), MONDAY.atTime(9, 40), MONDAY.atTime(10, 0),
                MONDAY.atTime(10, 20), MONDAY.atTime(10, 40), MONDAY.atTime(22, 0), MONDAY.atTime(22, 20),
                MONDAY.atTime(22, 40)), cron.firingsOn(MONDAY));
    }

    @Test
    void aStepFromAValueRunsToTheEndOfTheField() {
        CronExpression cron = CronExpression.parse("45/5 0 * * *");

        assertEquals(List.of(MONDAY.atTime(0, 45), MONDAY.atTime(0, 50), MONDAY.atTime(0, 55)), cron.firingsOn(MONDAY));
    }

    @Test
    void sundayIsZeroOrSeven() {
        LocalDate sunday = MONDAY.minusDays(1);

        assertTrue(CronExpression.parse("0 0 * * 0").matchesDay(sunday));
        assertTrue(CronExpression.parse("0 0 * * 7").matchesDay(sunday));
        assertTrue(CronExpression.parse("0 0 * * sun").matchesDay(sunday));
        assertFalse(CronExpression.parse("0 0 * * 7").matchesDay(MONDAY));
    }

    @Test
    void monthNamesAndNumbersAreTheSame() {
        assertTrue(CronExpression.parse("0 0 1 DEC *").matchesDay(LocalDate.of(2026, 12, 1)));
        assertFalse(CronExpression.parse("0 0 1 12 *").matchesDay(LocalDate.of(2026, 11, 1)));
    }

    @Test
    void restrictedDayOfMonthAndDayOfWeekMatchEitherAsCrontabDoes() {
        CronExpression cron = CronExpression.parse("0 12 1 * MON");

        assertTrue(cron.matches(LocalDateTime.of(2026, 4, 1, 12, 0)), "the 1st, a Wednesday");
        assertTrue(cron.matches(MONDAY.atTime(12, 0)), "a Monday, the 2nd");
        assertFalse(cron.matches(LocalDateTime.of(2026, 3, 3, 12, 0)), "a Tuesday, the 3rd");
    }

    @Test
    void aStarredDayOfMonthLeavesDayOfWeekAlone() {
        CronExpression cron = CronExpression.parse("0 12 */1 * MON");

        assertFalse(cron.matches(LocalDateTime.of(2026, 4, 1, 12, 0)), "a step over every day is unrestricted");
        assertTrue(cron.matches(MONDAY.atTime(12, 0)));
    }

    @Test
    void eachMistakeNamesItsField() {
        assertEquals(Optional.of("expected 5 fields (minute hour day-of-month month day-of-week), got 6"),
                CronExpression.problem("0 0 8 * * MON"));
        assertEquals(Optional.of("hour field '24': '24' is outside 0-23 or runs backwards"),
                CronExpression.problem("0 24 * * *"));
        assertEquals(Optional.of("minute field '*/0': the step must be at least 1"),
                CronExpression.problem("*/0 * * * *"));
        assertEquals(Optional.of("day-of-week field: 'FUN' is not a number or a name"),
                CronExpression.problem("0 0 * * FUN"));
        assertEquals(Optional.of("month field '5-2': '5-2' is outside 1-12 or runs backwards"),
                CronExpression.problem("0 0 * 5-2 *"));
        assertEquals(Optional.of("minute field '1,,2' has an empty list entry"),
                CronExpression.problem("1,,2 * * * *"));
        assertEquals(Optional.of("a cron expression is required"), CronExpression.problem(" "));
        assertEquals(Optional.empty(), CronExpression.problem("0 8 * * MON-FRI"));
    }

    @Test
    void parsingRejectsWhatProblemReports() {
        assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("0 0 32 * *"));
    }
}
