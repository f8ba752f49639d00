package dev.turnpike.gateway.resource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API's resources as a tree of path parts, matched the way Amazon API Gateway matches
 * REST resources:
 * <ul>
 * <li>at each level a literal part is tried before a {@code {param}} part, and that
 * before a greedy {@code {param+}};</li>
 * <li>a resource only matches when it has the request's method or {@code ANY} (an
 * explicit method beats {@code ANY}); otherwise matching backtracks to the next
 * candidate, so {@code /part1/other} falls back to a root {@code /{proxy+}} when
 * {@code /part1} has no matching child (AWS-recorded behaviour);</li>
 * <li>a greedy part matches one or more segments and must be last; a trailing slash is
 * ignored.</li>
 * </ul>
 * Lookups cost one hash lookup per segment in the common case, independent of the number
 * of resources.
 *
 * @param <T> what a method resolves to (a route, say)
 */
public final class ResourceTree<T> {

	private final Node<T> root = new Node<>("/");

	/**
	 * The result of a match: the value, the resource path template and the raw path
	 * parameter values.
	 */
	public record Match<T>(T value, String resourcePath, Map<String, String> pathParameters) {
	}

	/**
	 * Adds {@code method} (upper case, or {@code ANY}) on {@code resourcePath}.
	 * @throws IllegalArgumentException when the resource conflicts with one already added
	 */
	public void add(String resourcePath, String method, T value) {
		Node<T> node = this.root;
		List<String> parts = split(resourcePath);
		StringBuilder path = new StringBuilder();
		for (int i = 0; i < parts.size(); i++) {
			String part = parts.get(i);
			path.append('/').append(part);
			node = node.child(part, path.toString(), i == parts.size() - 1);
		}
		if (node.methods.putIfAbsent(method, value) != null) {
			throw new IllegalArgumentException("method " + method + " is defined twice on " + resourcePath);
		}
	}

	/**
	 * Finds the resource and method for a request path (raw, still percent-encoded), or
	 * {@code null}.
	 */
	public Match<T> match(String path, String method) {
		List<String> segments = split(path);
		Map<String, String> parameters = new LinkedHashMap<>(4);
		return match(this.root, segments, 0, method, parameters);
	}

	private Match<T> match(Node<T> node, List<String> segments, int index, String method,
			Map<String, String> parameters) {
		if (index == segments.size()) {
			T value = node.methodOrAny(method);
			return (value != null) ? new Match<>(value, node.resourcePath, Map.copyOf(parameters)) : null;
		}
		String segment = segments.get(index);
		Node<T> literal = node.literals.get(segment);
		if (literal != null) {
			Match<T> match = match(literal, segments, index + 1, method, parameters);
			if (match != null) {
				return match;
			}
		}
		if (node.param != null && !segment.isEmpty()) {
			parameters.put(node.param.name, segment);
			Match<T> match = match(node.param, segments, index + 1, method, parameters);
			if (match != null) {
				return match;
			}
			parameters.remove(node.param.name);
		}
		if (node.greedy != null) {
			T value = node.greedy.methodOrAny(method);
			String rest = String.join("/", segments.subList(index, segments.size()));
			// Like {param}, a greedy variable never matches nothing (a path of empty
			// segments, such as "//").
			if (value != null && !rest.isEmpty()) {
				parameters.put(node.greedy.name, rest);
				return new Match<>(value, node.greedy.resourcePath, Map.copyOf(parameters));
			}
		}
		return null;
	}

	/** Path segments without the leading slash; one trailing slash is ignored. */
	static List<String> split(String path) {
		if (path == null || path.isEmpty() || "/".equals(path)) {
			return Collections.emptyList();
		}
		int start = (path.charAt(0) == '/') ? 1 : 0;
		int end = path.endsWith("/") ? path.length() - 1 : path.length();
		List<String> segments = new ArrayList<>(8);
		int from = start;
		for (int i = start; i <= end; i++) {
			if (i == end || path.charAt(i) == '/') {
				segments.add(path.substring(from, i));
				from = i + 1;
			}
		}
		return segments;
	}

	private static final class Node<T> {

		private final String resourcePath;

		private final Map<String, Node<T>> literals = new HashMap<>();

		private final Map<String, T> methods = new HashMap<>(4);

		private String name;

		private Node<T> param;

		private Node<T> greedy;

		Node(String resourcePath) {
			this.resourcePath = resourcePath;
		}

		T methodOrAny(String method) {
			T value = this.methods.get(method);
			return (value != null) ? value : this.methods.get("ANY");
		}

		Node<T> child(String part, String path, boolean last) {
			if (!(part.startsWith("{") && part.endsWith("}"))) {
				return this.literals.computeIfAbsent(part, p -> new Node<>(path));
			}
			boolean greedy = part.endsWith("+}");
			String name = part.substring(1, part.length() - (greedy ? 2 : 1));
			if (greedy && !last) {
				throw new IllegalArgumentException(
						"a greedy path variable {" + name + "+} must be the last part of " + path);
			}
			Node<T> existing = (this.param != null) ? this.param : this.greedy;
			if (existing != null && !(existing.name.equals(name) && (existing == this.greedy) == greedy)) {
				throw new IllegalArgumentException("'" + path + "' conflicts with its sibling '" + existing.resourcePath
						+ "': a resource has at most one variable child");
			}
			if (existing != null) {
				return existing;
			}
			Node<T> child = new Node<>(path);
			child.name = name;
			if (greedy) {
				this.greedy = child;
			}
			else {
				this.param = child;
			}
			return child;
		}

	}

}
