package dev.turnpike.gateway.template;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import dev.turnpike.test.hardening.FuzzContract;

/**
 * What the template fuzz tests share: small limits, and the variables a mapping template
 * sees, filled by the fuzzer.
 */
final class TemplateFuzzing {

	/**
	 * Small limits so the caps are reached quickly; renders over the time cap must stop
	 * soon after it.
	 */
	static final TemplateLimits LIMITS = new TemplateLimits(Duration.ofMillis(200), 64 * 1024, 16 * 1024, 1000);

	static final MappingTemplateEngine ENGINE = new MappingTemplateEngine(LIMITS);

	/**
	 * How far past the time cap a rendering may end: the cap is checked between steps,
	 * not preemptively.
	 */
	static final Duration CAP_SLACK = Duration.ofSeconds(2);

	private TemplateFuzzing() {
	}

	/**
	 * Renders a template that touches every variable once, so class loading (and, while
	 * fuzzing, Jazzer's instrumentation of Velocity and JsonPath) is not billed to the
	 * first input.
	 */
	static void warmUp() {
		MappingTemplateEngine unhurried = new MappingTemplateEngine(new TemplateLimits(Duration.ofSeconds(30),
				LIMITS.maxOutputChars(), LIMITS.maxTemplateChars(), LIMITS.maxLoops()));
		CompiledTemplate template = unhurried.compile("$input.json('$.a')|$input.path('$.a')|$input.params('q')|"
				+ "$util.escapeJavaScript($input.body)|$util.parseJson($input.body)|$util.urlDecode('%41')|"
				+ "#foreach($i in [1..3])$i#end|$context.requestId|#set($context.responseOverride.status = 200)",
				"warm-up");
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("input", new InputVariable("{\"a\":[1,{\"b\":\"c\"}]}", Map.of(), Map.of("q", "v"), Map.of()));
		variables.put("context", context());
		unhurried.render(template, variables);
	}

	/** Renders, failing the input when it ends later than the time cap allows. */
	static String render(FuzzContract contract, String input, CompiledTemplate template,
			Map<String, Object> variables) {
		long started = System.nanoTime();
		String output = contract.call(input, () -> ENGINE.render(template, variables));
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		contract.require(input, took.compareTo(LIMITS.maxRenderTime().plus(CAP_SLACK)) <= 0,
				"the render time cap holds (took " + took.toMillis() + " ms)");
		if (output != null) {
			contract.require(input, output.length() <= LIMITS.maxOutputChars(), "the output cap holds");
		}
		return output;
	}

	/**
	 * {@code $input} over a fuzzed body and parameters, {@code $context},
	 * {@code $stageVariables} and {@code $fuzz}.
	 */
	static Map<String, Object> variables(FuzzedDataProvider data) {
		Map<String, Object> variables = new LinkedHashMap<>();
		String fuzz = data.consumeString(128);
		Map<String, String> path = Map.of("petId", data.consumeString(64));
		Map<String, String> query = new LinkedHashMap<>();
		query.put("q", data.consumeString(64));
		query.put(data.consumeString(16), "v");
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
