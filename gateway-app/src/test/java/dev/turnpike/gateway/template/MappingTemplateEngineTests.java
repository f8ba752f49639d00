package dev.turnpike.gateway.template;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The VTL engine on its own: every {@code $input}, {@code $util}, {@code $context} and
 * {@code $stageVariables} member, API Gateway's deviations from stock Velocity, and the
 * time and size caps.
 */
class MappingTemplateEngineTests {

	private static final String PETS = "{\"pets\":[{\"id\":1,\"type\":\"dog\"},{\"id\":2,\"type\":\"cat\"},{\"id\":3,\"type\":\"fish\"}],"
			+ "\"owner\":{\"name\":\"Ann\",\"tags\":[{\"nested\":\"bar\"}]},\"name\":\"rex\",\"count\":3}";

	private final MappingTemplateEngine engine = new MappingTemplateEngine(TemplateLimits.DEFAULTS);

	private String render(String template, String body) {
		return render(template, body, Map.of());
	}

	private String render(String template, String body, Map<String, Object> extra) {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("input", new InputVariable(body, Map.of("petId", "42"), Map.of("type", "dog", "petId", "7"),
				Map.of("X-Trace", "abc", "petId", "9")));
		variables.put("context", context());
		variables.put("stageVariables", Map.of("env", "prod"));
		variables.putAll(extra);
		return this.engine.render(this.engine.compile(template, "test"), variables);
	}

	private static Map<String, Object> context() {
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("requestId", "req-1");
		context.put("stage", "prod");
		context.put("identity", Map.of("sourceIp", "203.0.113.5", "userAgent", "curl/8"));
		context.put("authorizer", Map.of("principalId", "alice", "tier", "gold", "claims", Map.of("sub", "alice-sub")));
		Map<String, Object> requestOverride = new LinkedHashMap<>();
		requestOverride.put("header", new OverrideMap());
		requestOverride.put("querystring", new OverrideMap());
		requestOverride.put("path", new OverrideMap());
		context.put("requestOverride", requestOverride);
		context.put("responseOverride", new OverrideMap());
		return context;
	}

	// --- $input ---

	@Test
	void inputBodyIsTheRawPayloadAndAnEmptyPayloadIsAnEmptyObject() {
		assertThat(render("$input.body", "a=1&b=2")).isEqualTo("a=1&b=2");
		assertThat(render("$input.body", "")).isEqualTo("{}");
	}

	@Test
	void inputJsonGivesJsonTextAndNothingForMissingPaths() {
		assertThat(render("$input.json('$.pets[0]')", PETS)).isEqualTo("{\"id\":1,\"type\":\"dog\"}");
		assertThat(render("$input.json('$.name')", PETS)).isEqualTo("\"rex\"");
		assertThat(render("$input.json('$.count')", PETS)).isEqualTo("3");
		assertThat(render("[$input.json('$.missing')]", PETS)).isEqualTo("[]");
		assertThat(render("$input.json('$')", "{\"a\":1}")).isEqualTo("{\"a\":1}");
	}

	@Test
	void inputPathGivesObjectsThatRenderAsOnAws() {
		assertThat(render("$input.path('$.pets').size()", PETS)).isEqualTo("3");
		assertThat(render("$input.path('$.pets')[1].type", PETS)).isEqualTo("cat");
		assertThat(render("$input.path('$.owner')", PETS)).isEqualTo("{name=Ann, tags=[{\"nested\":\"bar\"}]}");
		assertThat(render("$input.path('$.owner.tags')", PETS)).isEqualTo("[{\"nested\":\"bar\"}]");
		assertThat(render("$input.path('$.name')", PETS)).isEqualTo("rex");
		assertThat(render("#foreach($pet in $input.path('$.pets'))$pet.id#if($foreach.hasNext),#end#end", PETS))
			.isEqualTo("1,2,3");
	}

	@Test
	void missingPathsAndNonJsonBodiesAreQuietNulls() {
		assertThat(render("[$input.path('$.missing')]", PETS)).isEqualTo("[]");
		assertThat(render("[$input.path('$.missing.deeper')]", PETS)).isEqualTo("[]");
		assertThat(render("[$input.path('$.a')]", "not json")).isEqualTo("[]");
		assertThat(render("[$input.path('not a path[')]", PETS)).isEqualTo("[]");
	}

	@Test
	void inputParamsListsEveryLocationAndLooksUpPathThenQueryThenHeader() {
		assertThat(render(
				"$input.params().path.petId $input.params().querystring.type $input.params().header.get('X-Trace')",
				""))
			.isEqualTo("42 dog abc");
		assertThat(render("$input.params('petId')", "")).isEqualTo("42");
		assertThat(render("$input.params('type')", "")).isEqualTo("dog");
		assertThat(render("$input.params('x-trace')", "")).isEqualTo("abc");
		assertThat(render("[$input.params('nope')]", "")).isEqualTo("[]");
	}

	// --- $util ---

	@Test
	void utilEscapeJavaScriptEscapesQuotesBackslashesControlsAndSingleQuotes() {
		Map<String, Object> value = Map.of("v", "It's \"x\"\\\n\t");
		assertThat(render("$util.escapeJavaScript($v)", "", value)).isEqualTo("It\\'s \\\"x\\\"\\\\\\n\\t");
	}

	@Test
	void utilUrlEncodeIsFormEncodingAndUrlDecodeItsInverse() {
		assertThat(render("$util.urlEncode('{\"some\": \"value\"}')", "")).isEqualTo("%7B%22some%22%3A+%22value%22%7D");
		assertThat(render("$util.urlDecode('%7B%22some%22%3A+%22value%22%7D')", "")).isEqualTo("{\"some\": \"value\"}");
	}

	@Test
	void utilBase64RoundTripsUtf8() {
		assertThat(render("$util.base64Encode('héllo')", "")).isEqualTo("aMOpbGxv");
		assertThat(render("$util.base64Decode('aMOpbGxv')", "")).isEqualTo("héllo");
	}

	@Test
	void utilParseJsonTurnsTextIntoAnObject() {
		assertThat(render("#set($o = $util.parseJson($input.json('$.owner')))$o.name has $o.tags.size()", PETS))
			.isEqualTo("Ann has 1");
		assertThat(render("[$util.parseJson('not json')]", "")).isEqualTo("[]");
	}

	// --- $context and $stageVariables ---

	@Test
	void contextAndStageVariablesResolveNestedNames() {
		assertThat(
				render("$context.requestId $context.stage $context.identity.sourceIp $context.identity.userAgent", ""))
			.isEqualTo("req-1 prod 203.0.113.5 curl/8");
		assertThat(
				render("$context.authorizer.principalId $context.authorizer.tier $context.authorizer.claims.sub", ""))
			.isEqualTo("alice gold alice-sub");
		assertThat(render("$stageVariables.env [$stageVariables.nope]", "")).isEqualTo("prod []");
	}

	@Test
	void overridesAreRecordedOnceEach() {
		Map<String, Object> context = context();
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("input", new InputVariable("", Map.of(), Map.of(), Map.of()));
		variables.put("context", context);
		this.engine.render(this.engine.compile("""
				#set($context.responseOverride.status = 418)
				#set($context.requestOverride.header.X-Tenant = "acme")
				""", "overrides"), variables);
		assertThat(((Map<?, ?>) context.get("responseOverride")).get("status")).isEqualTo(418);
		assertThat(((Map<?, ?>) ((Map<?, ?>) context.get("requestOverride")).get("header")).get("X-Tenant"))
			.isEqualTo("acme");

		assertThatExceptionOfType(TemplateException.class)
			.isThrownBy(() -> render(
					"#set($context.responseOverride.status = 400)#set($context.responseOverride.status = 401)", ""))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(TemplateException.Reason.OVERRIDE_TWICE));
	}

	// --- AWS's deviations from stock Velocity ---

	@Test
	void nullAndUndefinedReferencesRenderAsNothingAndEqualTheEmptyString() {
		assertThat(render("[$nothing][$input.path('$.x')][$nothing.deeper]", PETS)).isEqualTo("[][][]");
		assertThat(render("#if($nothing == \"\")empty#{else}not#end", "")).isEqualTo("empty");
		assertThat(render("#set($x = $input.path('$.missing'))#if($x == \"\")empty#end", PETS)).isEqualTo("empty");
		assertThat(render("#if($nothing)yes#{else}no#end", "")).isEqualTo("no");
	}

	@Test
	void directiveLinesDoNotLeaveBlankLinesBehind() {
		assertThat(render("#set($a = 1)\n{\"a\": $a}", "")).isEqualTo("{\"a\": 1}");
		assertThat(render("[\n#foreach($i in [1..2])\n  $i\n#end\n]", "")).isEqualTo("[\n  1\n  2\n]");
	}

	// --- limits and safety ---

	@Test
	void foreachStopsAfterAThousandIterations() {
		assertThat(render("#foreach($i in [1..5000])x#end", "")).hasSize(1000);
	}

	@Test
	void nestedLoopsThatWouldRunForeverAreStoppedByTheTimeLimit() {
		MappingTemplateEngine quick = new MappingTemplateEngine(
				new TemplateLimits(Duration.ofMillis(200), 10_000_000, 300_000, 1000));
		CompiledTemplate loops = quick.compile(
				"#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])#set($x = $c)#end#end#end",
				"loops");
		long started = System.nanoTime();
		assertThatExceptionOfType(TemplateException.class).isThrownBy(() -> quick.render(loops, Map.of()))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(TemplateException.Reason.TIME_LIMIT));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void outputAndBuiltTextAreCapped() {
		MappingTemplateEngine small = new MappingTemplateEngine(
				new TemplateLimits(Duration.ofSeconds(5), 1000, 300_000, 1000));
		assertThatExceptionOfType(TemplateException.class)
			.isThrownBy(() -> small.render(small.compile("#foreach($i in [1..1000])xxxxxxxxxx#end", "big"), Map.of()))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(TemplateException.Reason.SIZE_LIMIT));
		assertThatExceptionOfType(TemplateException.class).isThrownBy(() -> small.render(
				small.compile("#set($s = 'ab')#foreach($i in [1..40])#set($s = \"$s$s\")#end", "doubling"), Map.of()))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(TemplateException.Reason.SIZE_LIMIT));
	}

	@Test
	void templatesCannotReachJavaBeyondTheirValues() {
		assertThat(render("[$input.getClass()][$input.getClass().forName('java.lang.Runtime')]", "")).isEqualTo("[][]");
		assertThat(render("[$input.body.repeat(1000000)]", "ab")).isEqualTo("[]");
	}

	@Test
	void syntaxErrorsNameTheLineAndColumn() {
		assertThatExceptionOfType(TemplateException.class)
			.isThrownBy(() -> this.engine.compile("ok\n#foreach($x in )", "bad.vtl"))
			.satisfies(ex -> {
				assertThat(ex.reason()).isEqualTo(TemplateException.Reason.SYNTAX);
				assertThat(ex.getMessage()).contains("line 2");
			});
		assertThatExceptionOfType(TemplateException.class)
			.isThrownBy(() -> this.engine.compile("x".repeat(300 * 1024 + 1), "huge"))
			.satisfies(ex -> assertThat(ex.getMessage()).contains("larger than"));
	}

}
