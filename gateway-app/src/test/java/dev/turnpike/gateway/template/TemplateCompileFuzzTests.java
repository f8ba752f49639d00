package dev.turnpike.gateway.template;

import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import dev.turnpike.test.hardening.FuzzContract;

/**
 * Fuzzes template sources: compiling arbitrary text gives a template or a
 * {@link TemplateException} ({@code SYNTAX}); a template that compiles renders to text
 * within the output cap or fails with a {@link TemplateException}, never another
 * exception, and stops near the time cap. Seeds: {@code TemplateCompileFuzzTestsInputs/}
 * (the template source first, then fuzzer bytes for the variables).
 */
class TemplateCompileFuzzTests {

	private static final FuzzContract CONTRACT = FuzzContract.of("template-compile", TemplateException.class);

	@FuzzTest
	@DictionaryEntries({ "#set(", "#foreach(", " in ", "#end", "#if(", "#macro(", "#define(", "#evaluate(",
			"$input.json('", "$input.path('", "$input.params(", "$input.body", "$util.escapeJavaScript(",
			"$util.parseJson(", "$util.base64Decode(", "$context.responseOverride.status", "$foreach.hasNext",
			".concat(", ".replace(", ".replaceAll(", ".addAll(", ".size()", "[1..1000]", "[0..2147483647]", "$!{",
			"#[[", "]]#", "#*", "$.", "[*]", "?(@." })
	@Timeout(value = 20, unit = TimeUnit.SECONDS)
	void compileWhenSourceIsArbitraryThenTemplateOrSyntaxErrorAndRenderingKeepsItsCaps(FuzzedDataProvider data) {
		String source = data.consumeString(TemplateFuzzing.LIMITS.maxTemplateChars() + 16);
		CompiledTemplate template = CONTRACT.call(source, () -> TemplateFuzzing.ENGINE.compile(source, "fuzz"));
		if (template == null) {
			return;
		}
		TemplateFuzzing.render(CONTRACT, source, template, TemplateFuzzing.variables(data));
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
