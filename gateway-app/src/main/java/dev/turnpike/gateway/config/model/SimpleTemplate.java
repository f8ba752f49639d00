package dev.turnpike.gateway.config.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template with plain variable substitution, as API Gateway uses for gateway response
 * bodies (not VTL): {@code $context.x.y}, {@code ${context.x.y}},
 * {@code $stageVariables.name} and {@code ${stageVariables.name}}. Unknown variables
 * render as empty text. Parsed once, when the config loads.
 */
public final class SimpleTemplate {

	private static final Pattern VARIABLE = Pattern.compile(
			"\\$\\{(context|stageVariables)\\.([A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*)}|\\$(context|stageVariables)\\.([A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*)");

	/**
	 * A literal text part or a variable reference ({@code context.x} or
	 * {@code stageVariables.x}).
	 */
	private record Part(String literal, String variable) {
	}

	private final String source;

	private final List<Part> parts;

	private SimpleTemplate(String source, List<Part> parts) {
		this.source = source;
		this.parts = parts;
	}

	public static SimpleTemplate parse(String source) {
		List<Part> parts = new ArrayList<>();
		Matcher matcher = VARIABLE.matcher(source);
		int last = 0;
		while (matcher.find()) {
			if (matcher.start() > last) {
				parts.add(new Part(source.substring(last, matcher.start()), null));
			}
			String root = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(3);
			String name = (matcher.group(2) != null) ? matcher.group(2) : matcher.group(4);
			parts.add(new Part(null, root + "." + name));
			last = matcher.end();
		}
		if (last < source.length()) {
			parts.add(new Part(source.substring(last), null));
		}
		return new SimpleTemplate(source, List.copyOf(parts));
	}

	/**
	 * Renders the template.
	 * @param variables resolves {@code context.<name>} and {@code stageVariables.<name>};
	 * {@code null} means empty
	 */
	public String render(Function<String, String> variables) {
		StringBuilder out = new StringBuilder(this.source.length() + 32);
		for (Part part : this.parts) {
			if (part.literal() != null) {
				out.append(part.literal());
			}
			else {
				String value = variables.apply(part.variable());
				if (value != null) {
					out.append(value);
				}
			}
		}
		return out.toString();
	}

	public String source() {
		return this.source;
	}

	@Override
	public String toString() {
		return this.source;
	}

}
