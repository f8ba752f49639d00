package dev.turnpike.gateway.parametermapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mapping's value: static text with references to the request, the response, the
 * context and stage variables, such as {@code $request.header.x-user} or
 * {@code tenant-${context.authorizer.tenant}}. A value whose reference has no value
 * resolves to {@code null}, and its mapping is skipped.
 */
final class MappingValue {

	/** What a reference reads. */
	enum Source {

		REQUEST_HEADER("request.header."), REQUEST_QUERYSTRING("request.querystring."),
		REQUEST_PATH_PARAMETER("request.path."), REQUEST_PATH("request.path"), REQUEST_BODY("request.body."),
		CONTEXT("context."), STAGE_VARIABLE("stageVariables."), RESPONSE_HEADER("response.header."),
		RESPONSE_BODY("response.body.");

		private final String prefix;

		Source(String prefix) {
			this.prefix = prefix;
		}

		boolean isResponse() {
			return this == RESPONSE_HEADER || this == RESPONSE_BODY;
		}

	}

	/** A part of the value: static text ({@code source} null) or a reference. */
	record Part(Source source, String name) {
	}

	/** {@code ${...}} or {@code $} followed by a dotted name. */
	private static final Pattern REFERENCE = Pattern
		.compile("\\$\\{([A-Za-z][A-Za-z0-9_.\\[\\]-]*)}|\\$([A-Za-z][A-Za-z0-9_.\\[\\]-]*[A-Za-z0-9_\\]])");

	private final String text;

	private final List<Part> parts;

	private MappingValue(String text, List<Part> parts) {
		this.text = text;
		this.parts = List.copyOf(parts);
	}

	/**
	 * Parses a value; {@code problem} gets a message for a reference to nothing AWS
	 * defines.
	 */
	static MappingValue parse(String text, java.util.function.Consumer<String> problem) {
		List<Part> parts = new ArrayList<>();
		Matcher matcher = REFERENCE.matcher(text);
		int last = 0;
		while (matcher.find()) {
			String reference = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
			Part part = reference(reference);
			if (part == null) {
				problem.accept("'$" + reference + "' is not a value API Gateway maps ($request.header.X,"
						+ " $request.querystring.X, $request.path.X, $request.path, $request.body.X, $context.X,"
						+ " $stageVariables.X, $response.header.X, $response.body.X)");
				continue;
			}
			if (matcher.start() > last) {
				parts.add(new Part(null, text.substring(last, matcher.start())));
			}
			parts.add(part);
			last = matcher.end();
		}
		if (last < text.length()) {
			parts.add(new Part(null, text.substring(last)));
		}
		return new MappingValue(text, parts);
	}

	private static Part reference(String reference) {
		if (reference.equals("request.path")) {
			return new Part(Source.REQUEST_PATH, "");
		}
		for (Source source : Source.values()) {
			if (source != Source.REQUEST_PATH && reference.startsWith(source.prefix)
					&& reference.length() > source.prefix.length()) {
				String name = reference.substring(source.prefix.length());
				return new Part(source, (source == Source.REQUEST_HEADER || source == Source.RESPONSE_HEADER)
						? name.toLowerCase(Locale.ROOT) : name);
			}
		}
		return null;
	}

	/** Whether any reference reads {@code source}. */
	boolean reads(Source source) {
		return this.parts.stream().anyMatch(part -> part.source() == source);
	}

	List<Part> parts() {
		return this.parts;
	}

	/** The value, or {@code null} when a reference has none. */
	String resolve(Function<Part, String> references) {
		StringBuilder value = new StringBuilder();
		for (Part part : this.parts) {
			if (part.source() == null) {
				value.append(part.name());
				continue;
			}
			String resolved = references.apply(part);
			if (resolved == null) {
				return null;
			}
			value.append(resolved);
		}
		return value.toString();
	}

	@Override
	public String toString() {
		return this.text;
	}

}
