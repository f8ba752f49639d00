package dev.turnpike.gateway.usageplan;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.turnpike.usageplans.core.ThrottleSettings;
import dev.turnpike.usageplans.core.UsageLimitCall.Decision;
import dev.turnpike.usageplans.core.UsageLimitCall.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code local} failure policy's arithmetic without Spring or Redis: each replica's
 * share of burst, rate and quota.
 */
class LocalLimitsTests {

	private static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");

	private static final List<LocalLimits.BucketCheck> TEN_PER_SECOND_BURST_FOUR = List
		.of(new LocalLimits.BucketCheck("bucket", new ThrottleSettings(10.0, 4)));

	@Test
	void admitWhenBurstIsSpentThenThrottledWithTheWaitForOneToken() {
		LocalLimits limits = new LocalLimits(() -> 1);

		for (int i = 0; i < 4; i++) {
			assertThat(limits.admit(T0, null, 0, TEN_PER_SECOND_BURST_FOUR).outcome()).isEqualTo(Outcome.ADMITTED);
		}
		Decision fifth = limits.admit(T0, null, 0, TEN_PER_SECOND_BURST_FOUR);

		assertThat(fifth.outcome()).isEqualTo(Outcome.THROTTLED);
		assertThat(fifth.retryAfterMillis()).isEqualTo(100);
		assertThat(limits.admit(T0.plusMillis(100), null, 0, TEN_PER_SECOND_BURST_FOUR).outcome())
			.isEqualTo(Outcome.ADMITTED);
	}

	@Test
	void admitWhenTwoReplicasAreLiveThenEachAllowsHalfTheBurst() {
		LocalLimits limits = new LocalLimits(() -> 2);

		assertThat(limits.admit(T0, null, 0, TEN_PER_SECOND_BURST_FOUR).outcome()).isEqualTo(Outcome.ADMITTED);
		assertThat(limits.admit(T0, null, 0, TEN_PER_SECOND_BURST_FOUR).outcome()).isEqualTo(Outcome.ADMITTED);
		assertThat(limits.admit(T0, null, 0, TEN_PER_SECOND_BURST_FOUR).outcome()).isEqualTo(Outcome.THROTTLED);
	}

	@Test
	void admitWhenQuotaShareIsUsedThenQuotaExceededStartingFromWhatRedisLastSaid() {
		LocalLimits limits = new LocalLimits(() -> 2);
		limits.remember("quota", 6);

		List<Outcome> outcomes = new java.util.ArrayList<>();
		for (int i = 0; i < 4; i++) {
			outcomes.add(limits.admit(T0.plusSeconds(i), "quota", 1_000, List.of()).outcome());
		}

		assertThat(outcomes).containsExactly(Outcome.ADMITTED, Outcome.ADMITTED, Outcome.ADMITTED,
				Outcome.QUOTA_EXCEEDED);
	}

	@Test
	void resetWhenRedisIsBackThenLocalStateIsForgotten() {
		LocalLimits limits = new LocalLimits(() -> 1);
		for (int i = 0; i < 4; i++) {
			limits.admit(T0, null, 0, TEN_PER_SECOND_BURST_FOUR);
		}

		limits.reset();

		assertThat(limits.admit(T0, null, 0, TEN_PER_SECOND_BURST_FOUR).outcome()).isEqualTo(Outcome.ADMITTED);
	}

}
