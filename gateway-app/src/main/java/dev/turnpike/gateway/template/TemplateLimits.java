package dev.turnpike.gateway.template;

import java.time.Duration;

/**
 * What one mapping template may cost.
 *
 * @param maxRenderTime how long one rendering may take before it is stopped
 * @param maxOutputChars the most a rendering may produce (and the most its references may
 * insert in total, times four, so string doubling in a loop is stopped too)
 * @param maxTemplateChars the largest template accepted at load (AWS: 300 KB)
 * @param maxLoops iterations one {@code #foreach} may make (AWS: 1000)
 */
public record TemplateLimits(Duration maxRenderTime, int maxOutputChars, int maxTemplateChars, int maxLoops) {

	public static final TemplateLimits DEFAULTS = new TemplateLimits(Duration.ofMillis(500), 10 * 1024 * 1024,
			300 * 1024, 1000);

}
