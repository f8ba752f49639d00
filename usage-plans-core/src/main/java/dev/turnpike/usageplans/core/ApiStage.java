package dev.turnpike.usageplans.core;

import java.util.Map;

/**
 * An API stage a usage plan covers, with optional per-method throttles keyed
 * {@code <resourcePath>/<METHOD>} ({@code /pets/GET}, {@code /pets/{petId}/DELETE}; the
 * root resource is {@code //GET}).
 */
public record ApiStage(String apiId, String stage, Map<String, ThrottleSettings> throttle) {

	public ApiStage {
		throttle = (throttle != null) ? Map.copyOf(throttle) : Map.of();
	}

	public boolean covers(String apiId, String stage) {
		return this.apiId.equals(apiId) && this.stage.equals(stage);
	}

	/** The per-method throttle for a resource path and method, or {@code null}. */
	public ThrottleSettings methodThrottle(String resourcePath, String httpMethod) {
		return this.throttle.get(methodKey(resourcePath, httpMethod));
	}

	public static String methodKey(String resourcePath, String httpMethod) {
		return resourcePath + "/" + httpMethod;
	}

}
