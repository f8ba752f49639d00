package dev.turnpike.gateway.template;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import dev.turnpike.test.hardening.FuzzContract;

/**
 * Fuzzes rendering: templates that use every {@code $input}, {@code $util} and
 * {@code $context} member, rendered over a fuzzed body, fuzzed parameters and a fuzzed
 * value {@code $fuzz} (used as a JSONPath, as text to decode, parse and escape). A
 * rendering gives text within the output cap or a {@link TemplateException}, never
 * another exception, and never runs much past the time cap.
 */
class TemplateRenderFuzzTests {

	private static final FuzzContract CONTRACT = FuzzContract.of("template-render", TemplateException.class);

	private static final String[] SOURCES = { "$input.body",
			"$input.json('$')|$input.json($fuzz)|$input.path($fuzz)|$input.path('$').size()",
			"#set($p = $input.path('$'))#foreach($k in $p.keySet())$k=$p.get($k);#end",
			"#foreach($e in $input.path('$.items'))$e.id,$e.get('name')#end",
			"$input.params()|$input.params('petId')|$input.params($fuzz)|$input.params().header.get('X-Trace')",
			"$util.escapeJavaScript($input.body)|$util.urlEncode($fuzz)|$util.urlDecode($fuzz)|$util.base64Encode($fuzz)",
			"$util.base64Decode($fuzz)",
			"#set($o = $util.parseJson($fuzz))$o|$util.parseJson($input.body)|$util.parseJson($input.json($fuzz))",
			"#set($context.responseOverride.status = $input.path('$.status'))#set($context.requestOverride.header.X-Id = $fuzz)",
			"{\"name\": \"$util.escapeJavaScript($input.path('$.name'))\", \"trace\": \"$input.params('X-Trace')\", "
					+ "\"stage\": \"$context.stage\", \"env\": \"$stageVariables.env\", \"who\": \"$context.authorizer.claims.sub\"}",
			"#set($s = $input.body)#foreach($i in [1..20])#set($s = \"$s$s\")#end$s.length()",
			"#if($input.path($fuzz) == \"\")empty#elseif($input.path($fuzz).size() > 2)big#{else}small#end" };

	@FuzzTest
	@Timeout(value = 20, unit = TimeUnit.SECONDS)
	void renderWhenBodyAndParametersAreArbitraryThenTextWithinCapsOrTemplateException(FuzzedDataProvider data) {
		CompiledTemplate template = TemplateFuzzing.ENGINE.compile(data.pickValue(SOURCES), "fuzz");
		Map<String, Object> variables = TemplateFuzzing.variables(data);
		String input = template.source() + " with " + variables;
		TemplateFuzzing.render(CONTRACT, input, template, variables);
	}

	@BeforeAll
	static void warmUp() {
		TemplateFuzzing.warmUp();
	}

	@AfterAll
	static void writeFigures() {
		CONTRACT.write();
	}

}
