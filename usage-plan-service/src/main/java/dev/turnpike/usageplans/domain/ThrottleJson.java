package dev.turnpike.usageplans.domain;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.turnpike.usageplans.core.ThrottleSettings;

/**
 * The JSON value of a {@code /apiStages/{apiId}:{stage}/throttle} patch:
 * {@code {"/pets/GET": {"rateLimit":..}}}.
 */
final class ThrottleJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ThrottleJson() {
	}

	static Map<String, ThrottleSettings> parseMap(String json) {
		try {
			JsonNode root = JSON.readTree(json);
			if (root == null || !root.isObject()) {
				throw ApiException
					.badRequest("throttle: expected a JSON object of method keys to {rateLimit, burstLimit}");
			}
			Map<String, ThrottleSettings> throttles = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : root.properties()) {
				JsonNode value = entry.getValue();
				throttles.put(entry.getKey(),
						new ThrottleSettings(value.hasNonNull("rateLimit") ? value.get("rateLimit").asDouble() : null,
								value.hasNonNull("burstLimit") ? value.get("burstLimit").asInt() : null));
			}
			return throttles;
		}
		catch (JacksonException ex) {
			throw ApiException.badRequest("throttle: '" + json + "' is not valid JSON");
		}
	}

}
