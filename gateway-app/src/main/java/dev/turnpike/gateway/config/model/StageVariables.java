package dev.turnpike.gateway.config.model;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${stageVariables.name}} substitution in integration URIs and other templates
 * (AWS allows partial substitution there: a host, a path segment, a query value or the
 * whole URI).
 */
public final class StageVariables {

	/** Stage variable names: {@code [A-Za-z0-9_]+}. */
	public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

	/** Stage variable values: {@code [A-Za-z0-9-._~:/?#&=,]+} (AWS's charset). */
	public static final Pattern VALUE = Pattern.compile("[A-Za-z0-9\\-._~:/?#&=,]+");

	private static final Pattern REFERENCE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");

	private StageVariables() {
	}

	/** The names referenced by {@code template}, in order of first use. */
	public static Set<String> references(String template) {
		Set<String> names = new LinkedHashSet<>();
		if (template != null) {
			Matcher matcher = REFERENCE.matcher(template);
			while (matcher.find()) {
				names.add(matcher.group(1));
			}
		}
		return names;
	}

	/**
	 * Replaces every reference with its value.
	 * @throws IllegalArgumentException when a referenced variable is not defined
	 */
	public static String substitute(String template, Map<String, String> variables) {
		if (template == null || template.indexOf("${stageVariables.") < 0) {
			return template;
		}
		Matcher matcher = REFERENCE.matcher(template);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String value = variables.get(matcher.group(1));
			if (value == null) {
				throw new IllegalArgumentException("stage variable '" + matcher.group(1) + "' is not defined");
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(out);
		return out.toString();
	}

}
