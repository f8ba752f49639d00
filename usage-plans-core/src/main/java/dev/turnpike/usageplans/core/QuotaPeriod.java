package dev.turnpike.usageplans.core;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * Quota periods, as calendar periods in UTC: a day starts at 00:00 UTC, a week on Sunday
 * 00:00 UTC (AWS counts an offset of 0 as Sunday), a month on the 1st at 00:00 UTC.
 */
public enum QuotaPeriod {

	DAY, WEEK, MONTH;

	/** The period containing {@code instant}. */
	public Window windowAt(Instant instant) {
		LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
		LocalDate start = switch (this) {
			case DAY -> day;
			case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
			case MONTH -> day.withDayOfMonth(1);
		};
		LocalDate end = switch (this) {
			case DAY -> start.plusDays(1);
			case WEEK -> start.plusWeeks(1);
			case MONTH -> start.plusMonths(1);
		};
		return new Window(start, end);
	}

	/**
	 * A quota period: {@code [start, end)} in UTC days.
	 *
	 * @param start the first day
	 * @param end the first day of the next period
	 */
	public record Window(LocalDate start, LocalDate end) {

		public Instant startInstant() {
			return this.start.atStartOfDay(ZoneOffset.UTC).toInstant();
		}

		public Instant endInstant() {
			return this.end.atStartOfDay(ZoneOffset.UTC).toInstant();
		}

		/** Whole seconds from {@code now} to the end of the period, at least 1. */
		public long secondsUntilEnd(Instant now) {
			long millis = this.endInstant().toEpochMilli() - now.toEpochMilli();
			return Math.max(1, (millis + 999) / 1000);
		}

		public boolean contains(LocalDate day) {
			return !day.isBefore(this.start) && day.isBefore(this.end);
		}

	}

}
