package dev.turnpike.gateway.template;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/** What the template fuzz tests share: small limits, and the variables a mapping template sees, filled by the fuzzer. */
final class TemplateFuzzing {

	/** Small limits so the caps are reached quickly; renders over the time cap must stop soon after it. */
	static final TemplateLimits LIMITS = new TemplateLimits(Duration.ofMillis(200), 64 * 1024, 16 * 1024, 1000);

	static final MappingTemplateEngine ENGINE = new MappingTemplateEngine(LIMITS);

	private TemplateFuzzing() {
	}

	/** {@code $input} over a fuzzed body and parameters, {@code $context}, {@code $stageVariables} and {@code $fuzz}. */
	static Map<String, Object> variables(FuzzedDataProvider data) {
		Map<String, Object> variables = new LinkedHashMap<>();
		String fuzz = data.consumeString(128);
		Map<String, String> path = Map.of("petId", data.consumeString(64));
		Map<String, String> query = Map.of("q", data.consumeString(64), data.consumeString(16), "v");
		Map<String, String> header = new LinkedHashMap<>();
		header.put("X-Trace", data.consumeString(64));
		header.put(data.consumeString(16), data.consumeString(32));
		String body = data.consumeString(4096);
		variables.put("input", new InputVariable(body, path, query, header));
		variables.put("context", context());
		variables.put("stageVariables", Map.of("env", "prod"));
		variables.put("fuzz", fuzz);
		return variables;
	}

	static Map<String, Object> context() {
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("requestId", "req-1");
		context.put("stage", "prod");
		context.put("identity", Map.of("sourceIp", "203.0.113.5", "userAgent", "curl/8"));
		context.put("authorizer", Map.of("principalId", "alice", "claims", Map.of("sub", "alice-sub")));
		Map<String, Object> requestOverride = new LinkedHashMap<>();
		requestOverride.put("header", new OverrideMap());
		requestOverride.put("querystring", new OverrideMap());
		requestOverride.put("path", new OverrideMap());
		context.put("requestOverride", requestOverride);
		context.put("responseOverride", OverrideMap.withGroups("header"));
		return context;
	}

}
