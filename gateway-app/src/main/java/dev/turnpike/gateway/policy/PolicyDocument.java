package dev.turnpike.gateway.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An IAM-style policy as API Gateway evaluates them for {@code execute-api:Invoke}:
 * Lambda authorizer policies and resource policies ({@code x-amazon-apigateway-policy}).
 * Parsed from the JSON structure (maps and lists), with resources compiled to patterns
 * ({@code *} any characters, {@code ?} one) and conditions ready to evaluate.
 */
public record PolicyDocument(List<Statement> statements) {

	private static final List<String> ROOT_KEYS = List.of("Version", "Id", "Statement");

	private static final List<String> STATEMENT_KEYS = List.of("Sid", "Effect", "Principal", "Action", "Resource",
			"Condition");

	private static final List<String> VERSIONS = List.of("2012-10-17", "2008-10-17");

	public enum Effect {

		ALLOW, DENY

	}

	/**
	 * One statement: its effect, the actions and resources it covers, and its conditions
	 * (all must hold).
	 */
	public record Statement(Effect effect, List<Pattern> actions, List<Pattern> resources, List<Condition> conditions) {

		boolean covers(String action, String resourceArn, RequestFacts facts) {
			return matchesAny(this.actions, action) && matchesAny(this.resources, resourceArn)
					&& this.conditions.stream().allMatch(condition -> condition.holds(facts, this.effect));
		}

		private static boolean matchesAny(List<Pattern> patterns, String value) {
			for (Pattern pattern : patterns) {
				if (pattern.matcher(value).matches()) {
					return true;
				}
			}
			return false;
		}

	}

	/** The outcome of evaluating a policy for one request. */
	public enum Decision {

		/** A statement allows it and none denies it. */
		ALLOW,
		/** A statement denies it (which wins over any Allow). */
		EXPLICIT_DENY,
		/** No statement says anything about it. */
		IMPLICIT_DENY

	}

	/**
	 * Evaluates the policy the IAM way: an explicit Deny wins, an Allow is needed,
	 * silence denies.
	 */
	public Decision evaluate(String action, String resourceArn, RequestFacts facts) {
		boolean allowed = false;
		for (Statement statement : this.statements) {
			if (statement.covers(action, resourceArn, facts)) {
				if (statement.effect() == Effect.DENY) {
					return Decision.EXPLICIT_DENY;
				}
				allowed = true;
			}
		}
		return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
	}

	/**
	 * Parses a policy document.
	 * @param expandResource turns a resource as written into a full ARN (resource
	 * policies allow the short form {@code execute-api:/stage/GET/pets})
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public static PolicyDocument parse(Object document, java.util.function.UnaryOperator<String> expandResource) {
		if (!(document instanceof Map<?, ?> root)) {
			throw new IllegalArgumentException("a policy must be a JSON object with Version and Statement");
		}
		refuseUnsupportedKeys(root, ROOT_KEYS, "");
		Object version = root.get("Version");
		if (version != null && !VERSIONS.contains(String.valueOf(version))) {
			throw new IllegalArgumentException("Version must be 2012-10-17 or 2008-10-17, not " + version);
		}
		Object statementValue = root.get("Statement");
		List<?> rawStatements = (statementValue instanceof List<?> list) ? list
				: (statementValue instanceof Map<?, ?>) ? List.of(statementValue) : null;
		if (rawStatements == null) {
			throw new IllegalArgumentException("a policy needs a Statement (an object or a list of them)");
		}
		List<Statement> statements = new ArrayList<>();
		for (int i = 0; i < rawStatements.size(); i++) {
			if (!(rawStatements.get(i) instanceof Map<?, ?> statement)) {
				throw new IllegalArgumentException("Statement[" + i + "] must be an object");
			}
			statements.add(parseStatement(i, statement, expandResource));
		}
		return new PolicyDocument(List.copyOf(statements));
	}

	private static Statement parseStatement(int index, Map<?, ?> statement,
			java.util.function.UnaryOperator<String> expandResource) {
		String where = "Statement[" + index + "]";
		refuseUnsupportedKeys(statement, STATEMENT_KEYS, where + ".");
		checkPrincipal(statement.get("Principal"), where + ".Principal");
		Object effectValue = statement.get("Effect");
		Effect effect;
		try {
			if (!(effectValue instanceof String text)) {
				throw new IllegalArgumentException();
			}
			effect = Effect.valueOf(text.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(where + ".Effect must be Allow or Deny, not " + describe(effectValue));
		}
		List<Pattern> actions = strings(statement.get("Action"), where + ".Action").stream()
			.map(PolicyDocument::wildcard)
			.toList();
		List<Pattern> resources = strings(statement.get("Resource"), where + ".Resource").stream()
			.map(expandResource)
			.map(PolicyDocument::wildcard)
			.toList();
		List<Condition> conditions = Condition.parseAll(statement.get("Condition"), where + ".Condition");
		return new Statement(effect, actions, resources, conditions);
	}

	/**
	 * A key the evaluator does not implement would otherwise be skipped, and skipping a
	 * restriction ({@code NotPrincipal}, {@code NotAction}, a misspelt {@code Condition})
	 * widens what the policy allows.
	 */
	private static void refuseUnsupportedKeys(Map<?, ?> object, List<String> supported, String where) {
		for (Object key : object.keySet()) {
			if (!supported.contains(String.valueOf(key))) {
				throw new IllegalArgumentException(where + key + " is not supported (supported: "
						+ String.join(", ", supported) + "); Turnpike refuses a policy it cannot evaluate in full");
			}
		}
	}

	/**
	 * Callers have no identities yet (no IAM), so the only principal a policy can name
	 * and be evaluated correctly is everyone: {@code "*"} or {@code {"AWS": "*"}}. A
	 * statement naming someone else is refused, never read as "*".
	 */
	private static void checkPrincipal(Object principal, String where) {
		if (principal == null || "*".equals(principal)) {
			return;
		}
		if (principal instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("AWS")) {
			Object aws = map.get("AWS");
			if ("*".equals(aws) || (aws instanceof List<?> list && list.size() == 1 && "*".equals(list.get(0)))) {
				return;
			}
		}
		throw new IllegalArgumentException(
				where + " names " + describe(principal) + "; only \"*\" (everyone) is supported"
						+ " until callers have IAM identities, and a named principal must not be read as everyone");
	}

	/**
	 * A value for an error message, shallow and short: policy text may come from YAML,
	 * whose aliases can make a structure that contains itself (printing it whole would
	 * never end).
	 */
	static String describe(Object value) {
		if (value instanceof Map<?, ?> map) {
			StringBuilder text = new StringBuilder("{");
			map.forEach((key, child) -> text.append((text.length() > 1) ? ", " : "")
				.append(key)
				.append('=')
				.append((child instanceof Map || child instanceof List) ? "..." : String.valueOf(child)));
			return abbreviate(text.append('}').toString());
		}
		if (value instanceof List<?> list) {
			return "a list of " + list.size();
		}
		return abbreviate(String.valueOf(value));
	}

	private static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}

	static List<String> strings(Object value, String where) {
		if (value instanceof String text) {
			return List.of(text);
		}
		if (value instanceof List<?> list && !list.isEmpty()) {
			List<String> texts = new ArrayList<>();
			for (Object item : list) {
				if (!(item instanceof String text)) {
					throw new IllegalArgumentException(where + " must hold strings");
				}
				texts.add(text);
			}
			return texts;
		}
		throw new IllegalArgumentException(where + " must be a string or a non-empty list of strings");
	}

	/**
	 * IAM wildcards: {@code *} any characters (slashes included), {@code ?} exactly one.
	 */
	static Pattern wildcard(String value) {
		StringBuilder regex = new StringBuilder(value.length() + 8);
		StringBuilder literal = new StringBuilder();
		for (char c : value.toCharArray()) {
			if (c == '*' || c == '?') {
				if (literal.length() > 0) {
					regex.append(Pattern.quote(literal.toString()));
					literal.setLength(0);
				}
				regex.append(c == '*' ? ".*" : ".");
			}
			else {
				literal.append(c);
			}
		}
		if (literal.length() > 0) {
			regex.append(Pattern.quote(literal.toString()));
		}
		return Pattern.compile(regex.toString(), Pattern.DOTALL);
	}

}
