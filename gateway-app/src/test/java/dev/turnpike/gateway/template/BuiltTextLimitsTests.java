package dev.turnpike.gateway.template;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Text and collections built by method calls ({@code concat}, {@code replace},
 * {@code addAll}) count against the rendering's budget, so they stop at the size limit
 * instead of filling the heap until the time limit (found while seeding the template fuzz
 * tests: {@link TemplateCompileFuzzTests}).
 */
class BuiltTextLimitsTests {

	private final MappingTemplateEngine engine = new MappingTemplateEngine(
			new TemplateLimits(Duration.ofSeconds(2), 1000, 300_000, 1000));

	private TemplateException failure(String template) {
		long started = System.nanoTime();
		TemplateException failure = null;
		try {
			this.engine.render(this.engine.compile(template, "t"),
					Map.of("input", new InputVariable("abcdefghij", Map.of(), Map.of(), Map.of())));
		}
		catch (TemplateException ex) {
			failure = ex;
		}
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
		assertThat(failure).as("the rendering fails").isNotNull();
		return failure;
	}

	@Test
	void renderWhenConcatDoublesTextInALoopThenSizeLimitAtOnce() {
		assertThat(failure("#set($s = $input.body)#foreach($i in [1..60])#set($s = $s.concat($s))#end$s.length()")
			.reason()).isEqualTo(TemplateException.Reason.SIZE_LIMIT);
	}

	@Test
	void renderWhenReplaceMultipliesTextThenSizeLimitBeforeItIsBuilt() {
		assertThat(failure("#set($t = $input.body.replace('', $input.body))#set($t = $t.replace('', $t))"
				+ "#set($t = $t.replace('', $t))#set($t = $t.replace('', $t))$t.length()")
			.reason()).isEqualTo(TemplateException.Reason.SIZE_LIMIT);
		assertThat(
				failure("#set($t = $input.body)#foreach($i in [1..10])#set($t = $t.replaceAll('(.)', '$1$1$1$1'))#end")
					.reason())
			.isEqualTo(TemplateException.Reason.SIZE_LIMIT);
	}

	@Test
	void renderWhenAListDoublesItselfThenSizeLimitAtOnce() {
		assertThat(failure("#set($l = [1])#foreach($i in [1..60])#set($r = $l.addAll($l))#end$l.size()").reason())
			.isEqualTo(TemplateException.Reason.SIZE_LIMIT);
	}

	@Test
	void renderWhenMethodCallsBuildLittleThenTheyWorkAsBefore() {
		String out = this.engine.render(this.engine
			.compile("$input.body.replace('a', 'A').concat('!')|$input.body.replaceAll('[b-d]', '-')|#set($l = [1, 2])"
					+ "#set($r = $l.addAll([3]))$l|$input.body.split('e').size()", "t"),
				Map.of("input", new InputVariable("abcdefghij", Map.of(), Map.of(), Map.of())));
		assertThat(List.of(out.split("\\|"))).containsExactly("Abcdefghij!", "a---efghij", "[1, 2, 3]", "2");
	}

	@Test
	void renderWhenAHugeRangeIsPrintedOrWalkedThenSizeLimitBeforeItsTextIsBuilt() {
		assertThat(failure("#set($n = [0..1083322753])$n").reason()).isEqualTo(TemplateException.Reason.SIZE_LIMIT);
		assertThat(failure("#set($n = [0..1083322753])#set($s = \"$n\")").reason())
			.isEqualTo(TemplateException.Reason.SIZE_LIMIT);
		assertThat(failure("#set($n = [0..1083322753])$n.toString()").reason())
			.isEqualTo(TemplateException.Reason.SIZE_LIMIT);
		assertThat(failure("#set($n = [0..1083322753])$n.contains(-1)").reason())
			.isEqualTo(TemplateException.Reason.SIZE_LIMIT);
	}

}
