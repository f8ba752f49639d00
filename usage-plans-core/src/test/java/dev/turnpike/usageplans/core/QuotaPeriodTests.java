package dev.turnpike.usageplans.core;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuotaPeriodTests {

	@Test
	void dayWindowStartsAtUtcMidnight() {
		QuotaPeriod.Window window = QuotaPeriod.DAY.windowAt(Instant.parse("2026-11-23T23:59:59.999Z"));
		assertThat(window.start()).isEqualTo(LocalDate.parse("2026-11-23"));
		assertThat(window.endInstant()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
		assertThat(QuotaPeriod.DAY.windowAt(Instant.parse("2026-11-24T00:00:00Z")).start())
			.isEqualTo(LocalDate.parse("2026-11-24"));
	}

	@Test
	void weekWindowStartsOnSundayUtc() {
		// 2026-11-22 is a Sunday
		assertThat(QuotaPeriod.WEEK.windowAt(Instant.parse("2026-11-22T00:00:00Z")).start())
			.isEqualTo(LocalDate.parse("2026-11-22"));
		assertThat(QuotaPeriod.WEEK.windowAt(Instant.parse("2026-11-28T23:59:59Z")).start())
			.isEqualTo(LocalDate.parse("2026-11-22"));
		assertThat(QuotaPeriod.WEEK.windowAt(Instant.parse("2026-11-29T00:00:00Z")).start())
			.isEqualTo(LocalDate.parse("2026-11-29"));
	}

	@Test
	void monthWindowStartsOnTheFirstAndHandlesLeapFebruary() {
		QuotaPeriod.Window february = QuotaPeriod.MONTH.windowAt(Instant.parse("2028-02-29T12:00:00Z"));
		assertThat(february.start()).isEqualTo(LocalDate.parse("2028-02-01"));
		assertThat(february.end()).isEqualTo(LocalDate.parse("2028-03-01"));
		assertThat(QuotaPeriod.MONTH.windowAt(Instant.parse("2026-12-31T23:59:59Z")).end())
			.isEqualTo(LocalDate.parse("2027-01-01"));
	}

	@Test
	void secondsUntilEndRoundsUpAndIsAtLeastOne() {
		QuotaPeriod.Window window = QuotaPeriod.DAY.windowAt(Instant.parse("2026-11-23T23:59:59.001Z"));
		assertThat(window.secondsUntilEnd(Instant.parse("2026-11-23T23:59:59.001Z"))).isEqualTo(1);
		assertThat(window.secondsUntilEnd(Instant.parse("2026-11-23T00:00:00Z"))).isEqualTo(86400);
	}

	@Test
	void offsetReducesLimitOnlyInThePeriodThePlanWasCreatedIn() {
		QuotaSettings quota = new QuotaSettings(100, 30, QuotaPeriod.DAY);
		Instant created = Instant.parse("2026-11-23T10:00:00Z");
		assertThat(quota.effectiveLimit(Instant.parse("2026-11-23T18:00:00Z"), created)).isEqualTo(70);
		assertThat(quota.effectiveLimit(Instant.parse("2026-11-24T00:00:00Z"), created)).isEqualTo(100);
		assertThat(new QuotaSettings(100, null, QuotaPeriod.DAY).effectiveLimit(created, created)).isEqualTo(100);
	}

}
