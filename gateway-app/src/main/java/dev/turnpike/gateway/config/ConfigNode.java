package dev.turnpike.gateway.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A value read from a YAML or JSON config file together with where it came from. Typed
 * accessors report a problem naming the file and field when the value has the wrong
 * shape, and return {@code null} so loading can go on and report every problem at once.
 */
public final class ConfigNode {

	private final String file;

	private final String path;

	private final Object value;

	private final Problems problems;

	private ConfigNode(String file, String path, Object value, Problems problems) {
		this.file = file;
		this.path = path;
		this.value = value;
		this.problems = problems;
	}

	public static ConfigNode root(String file, Object value, Problems problems) {
		return new ConfigNode(file, "", value, problems);
	}

	/**
	 * A node for a value found at {@code path} by other means (an OpenAPI extension,
	 * say).
	 */
	public static ConfigNode at(String file, String path, Object value, Problems problems) {
		return new ConfigNode(file, path, value, problems);
	}

	public String file() {
		return this.file;
	}

	public String path() {
		return this.path;
	}

	public Object raw() {
		return this.value;
	}

	public boolean isMissing() {
		return this.value == null;
	}

	public boolean isMap() {
		return this.value instanceof Map;
	}

	public ConfigNode get(String key) {
		Object child = (this.value instanceof Map<?, ?> map) ? map.get(key) : null;
		return new ConfigNode(this.file, child(key), child, this.problems);
	}

	private String child(String key) {
		return this.path.isEmpty() ? key : this.path + "." + key;
	}

	/**
	 * The entries of a map, in file order; an empty map when missing; a problem when not
	 * a map.
	 */
	public Map<String, ConfigNode> entries() {
		Map<String, ConfigNode> result = new LinkedHashMap<>();
		if (this.value == null) {
			return result;
		}
		if (!(this.value instanceof Map<?, ?> map)) {
			error("must be a map, not " + describe(this.value));
			return result;
		}
		map.forEach((key, child) -> result.put(String.valueOf(key),
				new ConfigNode(this.file, child(String.valueOf(key)), child, this.problems)));
		return result;
	}

	/** The items of a list; an empty list when missing; a problem when not a list. */
	public List<ConfigNode> items() {
		if (this.value == null) {
			return List.of();
		}
		if (!(this.value instanceof List<?> list)) {
			error("must be a list, not " + describe(this.value));
			return List.of();
		}
		return IntStream.range(0, list.size())
			.mapToObj(i -> new ConfigNode(this.file, this.path + "[" + i + "]", list.get(i), this.problems))
			.toList();
	}

	/**
	 * A scalar as text (numbers and booleans are accepted and converted); {@code null}
	 * when missing.
	 */
	public String text() {
		if (this.value == null) {
			return null;
		}
		if (this.value instanceof Map || this.value instanceof Collection) {
			error("must be a single value, not " + describe(this.value));
			return null;
		}
		return String.valueOf(this.value);
	}

	public String requiredText() {
		String text = text();
		if (this.value == null) {
			error("is required");
		}
		else if (text != null && text.isBlank()) {
			error("must not be empty");
			return null;
		}
		return text;
	}

	/**
	 * An integer within bounds (a numeric string is accepted); {@code null} when missing
	 * or invalid.
	 */
	public Integer integer(long min, long max) {
		String text = text();
		if (text == null) {
			return null;
		}
		try {
			long number = (this.value instanceof Number n
					&& !(this.value instanceof Double || this.value instanceof Float)) ? n.longValue()
							: Long.parseLong(text.trim());
			if (number < min || number > max) {
				error("must be between " + min + " and " + max + ", not " + number);
				return null;
			}
			return (int) number;
		}
		catch (NumberFormatException ex) {
			error("must be a whole number, not '" + text + "'");
			return null;
		}
	}

	public Boolean bool() {
		if (this.value == null) {
			return null;
		}
		if (this.value instanceof Boolean b) {
			return b;
		}
		String text = String.valueOf(this.value);
		if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
			return Boolean.parseBoolean(text);
		}
		error("must be true or false, not '" + text + "'");
		return null;
	}

	/**
	 * Reports keys of this map that are not in {@code known} (typos would otherwise be
	 * silently ignored).
	 */
	public void rejectUnknownKeys(Set<String> known) {
		if (this.value instanceof Map<?, ?> map) {
			for (Object key : map.keySet()) {
				if (!known.contains(String.valueOf(key))) {
					new ConfigNode(this.file, child(String.valueOf(key)), null, this.problems)
						.error("is not a known setting (known: " + String.join(", ", known.stream().sorted().toList())
								+ ")");
				}
			}
		}
	}

	public void error(String message) {
		this.problems.error(this.file, this.path, message);
	}

	public void warn(String message) {
		this.problems.warn(this.file, this.path, message);
	}

	private static String describe(Object value) {
		if (value instanceof Map) {
			return "a map";
		}
		if (value instanceof Collection) {
			return "a list";
		}
		return "'" + value + "'";
	}

}
