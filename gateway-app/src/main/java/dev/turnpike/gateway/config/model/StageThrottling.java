package dev.turnpike.gateway.config.model;

import java.util.Map;

import dev.turnpike.usageplans.core.ThrottleSettings;

/**
 * A stage's throttles, shared by every client of the stage (AWS's stage-level and
 * method-level throttling):
 *
 * <pre>
 * throttling:
 *   rateLimit: 100          # the whole stage
 *   burstLimit: 200
 *   methods:
 *     /pets/GET: {rateLimit: 10, burstLimit: 20}
 * </pre>
 *
 * @param stage the stage-wide bucket, or {@code null}
 * @param methods per-method buckets keyed {@code <resourcePath>/<METHOD>}
 */
public record StageThrottling(ThrottleSettings stage, Map<String, ThrottleSettings> methods) {

	public StageThrottling {
		methods = (methods != null) ? Map.copyOf(methods) : Map.of();
	}

}
