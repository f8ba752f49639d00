package dev.turnpike.usageplans.core;

import java.time.Instant;

/**
 * AWS's {@code QuotaSettings}: at most {@code limit} requests per {@code period}.
 *
 * @param limit requests allowed per period
 * @param offset requests subtracted from the limit in the initial period (the one the
 * plan was created in), as AWS documents it
 * @param period the calendar period
 */
public record QuotaSettings(Integer limit, Integer offset, QuotaPeriod period) {

	public int offsetOrZero() {
		return (this.offset != null) ? this.offset : 0;
	}

	/**
	 * The limit in force for the period containing {@code now}, for a plan created at
	 * {@code planCreated}.
	 */
	public long effectiveLimit(Instant now, Instant planCreated) {
		QuotaPeriod.Window window = this.period.windowAt(now);
		boolean initial = planCreated != null && !planCreated.isBefore(window.startInstant())
				&& planCreated.isBefore(window.endInstant());
		return Math.max(0, (long) this.limit - (initial ? offsetOrZero() : 0));
	}

}
