package dev.turnpike.usageplans.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a usage plan must satisfy, shared by every way of changing one (the
 * AWS-compatible API and the UI), each broken rule reported with a message that names the
 * field.
 */
public final class UsagePlanRules {

	/** AWS: at most 20 method-level throttles per API stage in a plan. */
	public static final int MAX_METHOD_THROTTLES = 20;

	private static final Pattern METHOD_KEY = Pattern.compile("/.*/(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|ANY|\\*)");

	private UsagePlanRules() {
	}

	/** The problems with a plan; empty when it is valid. */
	public static List<String> problems(UsagePlanRecord plan) {
		List<String> problems = new ArrayList<>();
		if (plan.name() == null || plan.name().isBlank()) {
			problems.add("name: a usage plan needs a name");
		}
		throttleProblems("throttle", plan.throttle(), problems);
		quotaProblems(plan.quota(), problems);
		Set<String> seen = new HashSet<>();
		for (ApiStage apiStage : plan.apiStages()) {
			String where = "apiStages[" + apiStage.apiId() + ":" + apiStage.stage() + "]";
			if (apiStage.apiId() == null || apiStage.apiId().isBlank() || apiStage.stage() == null
					|| apiStage.stage().isBlank()) {
				problems.add("apiStages: every API stage needs an apiId and a stage");
				continue;
			}
			if (!seen.add(apiStage.apiId() + ":" + apiStage.stage())) {
				problems.add(where + ": the API stage is listed twice");
			}
			if (apiStage.throttle().size() > MAX_METHOD_THROTTLES) {
				problems.add(where + ".throttle: at most " + MAX_METHOD_THROTTLES + " method throttles per API stage");
			}
			for (Map.Entry<String, ThrottleSettings> method : apiStage.throttle().entrySet()) {
				if (!METHOD_KEY.matcher(method.getKey()).matches()) {
					problems.add(where + ".throttle: '" + method.getKey()
							+ "' is not a method key (expected <resourcePath>/<METHOD>, such as /pets/GET or //GET)");
				}
				throttleProblems(where + ".throttle[" + method.getKey() + "]", method.getValue(), problems);
			}
		}
		return problems;
	}

	static void throttleProblems(String field, ThrottleSettings throttle, List<String> problems) {
		if (throttle == null) {
			return;
		}
		if (throttle.rateLimit() == null || throttle.burstLimit() == null) {
			problems.add(field + ": a throttle needs both rateLimit and burstLimit");
			return;
		}
		if (throttle.rateLimit() < 0 || throttle.rateLimit().isNaN() || throttle.rateLimit().isInfinite()) {
			problems.add(field + ".rateLimit: must be zero or more, not " + throttle.rateLimit());
		}
		if (throttle.burstLimit() < 0) {
			problems.add(field + ".burstLimit: must be zero or more, not " + throttle.burstLimit());
		}
		else if (throttle.burstLimit() < throttle.rateLimit()) {
			problems.add(field + ".burstLimit: " + throttle.burstLimit() + " is below the rateLimit "
					+ throttle.rateLimit() + "; the burst must be at least the rate");
		}
	}

	static void quotaProblems(QuotaSettings quota, List<String> problems) {
		if (quota == null) {
			return;
		}
		if (quota.limit() == null || quota.limit() <= 0) {
			problems.add("quota.limit: must be a positive number of requests, not " + quota.limit());
		}
		if (quota.period() == null) {
			problems.add("quota.period: a quota needs a period (DAY, WEEK or MONTH)");
		}
		if (quota.offsetOrZero() < 0
				|| (quota.limit() != null && quota.limit() > 0 && quota.offsetOrZero() >= quota.limit())) {
			problems.add("quota.offset: must be zero or more and below the limit, not " + quota.offsetOrZero());
		}
	}

}
