package dev.turnpike.usageplans.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UsagePlanRulesTests {

	private static UsagePlanRecord plan(ThrottleSettings throttle, QuotaSettings quota, List<ApiStage> stages) {
		return new UsagePlanRecord("p1", "Gold", null, stages, throttle, quota, null, Map.of(), Instant.EPOCH);
	}

	@Test
	void validPlanHasNoProblems() {
		assertThat(UsagePlanRules.problems(plan(new ThrottleSettings(10.0, 20),
				new QuotaSettings(1000, 0, QuotaPeriod.MONTH),
				List.of(new ApiStage("pets", "prod",
						Map.of("/pets/GET", new ThrottleSettings(1.0, 1), "//GET", new ThrottleSettings(2.0, 2)))))))
			.isEmpty();
	}

	@Test
	void burstBelowRateQuotaWithoutPeriodAndBadMethodKeysAreReportedByField() {
		List<String> problems = UsagePlanRules
			.problems(plan(new ThrottleSettings(10.0, 5), new QuotaSettings(100, 100, null),
					List.of(new ApiStage("pets", "prod", Map.of("pets-GET", new ThrottleSettings(1.0, null))),
							new ApiStage("pets", "prod", null))));
		assertThat(problems).containsExactlyInAnyOrder(
				"throttle.burstLimit: 5 is below the rateLimit 10.0; the burst must be at least the rate",
				"quota.period: a quota needs a period (DAY, WEEK or MONTH)",
				"quota.offset: must be zero or more and below the limit, not 100",
				"apiStages[pets:prod]: the API stage is listed twice",
				"apiStages[pets:prod].throttle: 'pets-GET' is not a method key (expected <resourcePath>/<METHOD>, such as /pets/GET or //GET)",
				"apiStages[pets:prod].throttle[pets-GET]: a throttle needs both rateLimit and burstLimit");
	}

	@Test
	void nameAndPositiveQuotaAreRequired() {
		UsagePlanRecord nameless = new UsagePlanRecord("p1", " ", null, List.of(), null,
				new QuotaSettings(0, 0, QuotaPeriod.DAY), null, Map.of(), Instant.EPOCH);
		assertThat(UsagePlanRules.problems(nameless)).containsExactlyInAnyOrder("name: a usage plan needs a name",
				"quota.limit: must be a positive number of requests, not 0");
	}

}
