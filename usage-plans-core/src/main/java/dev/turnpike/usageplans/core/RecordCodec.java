package dev.turnpike.usageplans.core;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of stored records. Unknown fields are ignored when reading, so an older
 * gateway can read records a newer control plane wrote.
 */
public final class RecordCodec {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private RecordCodec() {
	}

	public static String write(Object record) {
		return MAPPER.writeValueAsString(record);
	}

	public static ApiKeyRecord readApiKey(String json) {
		return MAPPER.readValue(json, ApiKeyRecord.class);
	}

	public static UsagePlanRecord readUsagePlan(String json) {
		return MAPPER.readValue(json, UsagePlanRecord.class);
	}

}
