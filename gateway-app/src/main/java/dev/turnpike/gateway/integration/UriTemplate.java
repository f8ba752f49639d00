package dev.turnpike.gateway.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An integration endpoint such as
 * {@code http://pets.internal:8080/pets/{petId}?format=json}, split once into literal
 * text and {@code {name}} placeholders so expanding it per request is a string
 * concatenation. {@code {proxy+}}-style placeholders are accepted as {@code {proxy}}.
 */
public final class UriTemplate {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9._$-]+?)\\+?}");

	private final String source;

	private final String origin;

	private final List<String> literals;

	private final List<String> names;

	private final String query;

	private UriTemplate(String source, String origin, List<String> literals, List<String> names, String query) {
		this.source = source;
		this.origin = origin;
		this.literals = literals;
		this.names = names;
		this.query = query;
	}

	/** Parses an absolute http(s) URI template (stage variables already substituted). */
	public static UriTemplate parse(String uri) {
		int schemeEnd = uri.indexOf("://");
		int pathStart = uri.indexOf('/', schemeEnd + 3);
		int queryStart = uri.indexOf('?', schemeEnd + 3);
		if (pathStart < 0 || (queryStart >= 0 && queryStart < pathStart)) {
			pathStart = (queryStart >= 0) ? queryStart : uri.length();
		}
		String origin = uri.substring(0, pathStart);
		String path = (queryStart >= 0) ? uri.substring(pathStart, queryStart) : uri.substring(pathStart);
		String query = (queryStart >= 0) ? uri.substring(queryStart + 1) : "";
		List<String> literals = new ArrayList<>();
		List<String> names = new ArrayList<>();
		Matcher matcher = PLACEHOLDER.matcher(path);
		int last = 0;
		while (matcher.find()) {
			literals.add(path.substring(last, matcher.start()));
			names.add(matcher.group(1));
			last = matcher.end();
		}
		literals.add(path.substring(last));
		return new UriTemplate(uri, origin, List.copyOf(literals), List.copyOf(names), query);
	}

	/** {@code scheme://host[:port]}. */
	public String origin() {
		return this.origin;
	}

	/** The placeholder names in the path, in order. */
	public List<String> placeholders() {
		return this.names;
	}

	/**
	 * The query string of the template itself (without {@code ?}), empty when it has
	 * none.
	 */
	public String query() {
		return this.query;
	}

	/**
	 * The expanded path. {@code values} must already be encoded for a path; a placeholder
	 * without a value is left empty.
	 */
	public String expandPath(Map<String, String> values) {
		if (this.names.isEmpty()) {
			return this.literals.get(0);
		}
		StringBuilder path = new StringBuilder(64);
		for (int i = 0; i < this.names.size(); i++) {
			path.append(this.literals.get(i));
			String value = values.get(this.names.get(i));
			if (value != null) {
				path.append(value);
			}
		}
		return path.append(this.literals.get(this.names.size())).toString();
	}

	@Override
	public String toString() {
		return this.source;
	}

}
