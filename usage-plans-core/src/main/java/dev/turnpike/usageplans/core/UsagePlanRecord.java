package dev.turnpike.usageplans.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A usage plan as stored. Same content as AWS's {@code UsagePlan}, plus when it was
 * created (the quota's initial period depends on it).
 */
public record UsagePlanRecord(String id, String name, String description, List<ApiStage> apiStages,
		ThrottleSettings throttle, QuotaSettings quota, String productCode, Map<String, String> tags,
		Instant createdDate) {

	/** The tag that overrides the gateway's Redis failure policy for this plan. */
	public static final String FAILURE_POLICY_TAG = "turnpike:redis-failure-policy";

	public UsagePlanRecord {
		apiStages = (apiStages != null) ? List.copyOf(apiStages) : List.of();
		tags = (tags != null) ? Map.copyOf(tags) : Map.of();
	}

	/**
	 * The plan's entry for an API stage, or {@code null} when the plan does not cover it.
	 */
	public ApiStage apiStage(String apiId, String stage) {
		for (ApiStage apiStage : this.apiStages) {
			if (apiStage.covers(apiId, stage)) {
				return apiStage;
			}
		}
		return null;
	}

	public String failurePolicy() {
		return this.tags.get(FAILURE_POLICY_TAG);
	}

}
