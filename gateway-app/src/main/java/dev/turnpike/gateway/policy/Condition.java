package dev.turnpike.gateway.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One condition of a policy statement: an operator ({@code IpAddress},
 * {@code NotIpAddress}, {@code StringEquals}, {@code StringNotEquals},
 * {@code StringLike}, {@code StringNotLike}, {@code Bool}) on a key
 * ({@code aws:SourceIp}, {@code aws:UserAgent}, {@code aws:Referer},
 * {@code aws:SecureTransport}) with values (any may match).
 */
public record Condition(String operator, String key, List<String> values, List<Cidr> networks, List<Pattern> patterns) {

	private static final List<String> OPERATORS = List.of("IpAddress", "NotIpAddress", "StringEquals",
			"StringNotEquals", "StringLike", "StringNotLike", "Bool");

	private static final List<String> KEYS = List.of("aws:sourceip", "aws:useragent", "aws:referer",
			"aws:securetransport");

	static List<Condition> parseAll(Object value, String where) {
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof Map<?, ?> operators)) {
			throw new IllegalArgumentException(where + " must be an object of operators");
		}
		List<Condition> conditions = new ArrayList<>();
		operators.forEach((operator, keys) -> {
			String op = String.valueOf(operator);
			if (!OPERATORS.contains(op)) {
				throw new IllegalArgumentException(where + "." + op
						+ " is not a supported condition operator (supported: " + String.join(", ", OPERATORS) + ")");
			}
			if (!(keys instanceof Map<?, ?> keyValues)) {
				throw new IllegalArgumentException(where + "." + op + " must be an object of condition keys");
			}
			keyValues.forEach((key, values) -> conditions.add(parse(op, String.valueOf(key),
					PolicyDocument.strings(values, where + "." + op + "." + key), where + "." + op + "." + key)));
		});
		return List.copyOf(conditions);
	}

	private static Condition parse(String operator, String key, List<String> values, String where) {
		String normalized = key.toLowerCase(Locale.ROOT);
		if (!KEYS.contains(normalized)) {
			throw new IllegalArgumentException(
					where + ": condition key " + key + " is not supported (supported: aws:SourceIp,"
							+ " aws:UserAgent, aws:Referer, aws:SecureTransport)");
		}
		boolean ip = operator.endsWith("IpAddress");
		if (ip != normalized.equals("aws:sourceip")) {
			throw new IllegalArgumentException(where + ": " + operator + " does not apply to " + key);
		}
		List<Cidr> networks = new ArrayList<>();
		if (ip) {
			for (String value : values) {
				try {
					networks.add(Cidr.parse(value));
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException(where + ": " + ex.getMessage());
				}
			}
		}
		List<Pattern> patterns = values.stream().map(PolicyDocument::wildcard).toList();
		return new Condition(operator, normalized, List.copyOf(values), List.copyOf(networks), patterns);
	}

	boolean holds(RequestFacts facts, PolicyDocument.Effect effect) {
		return switch (this.operator) {
			case "IpAddress" -> facts.sourceIp() != null && inAnyNetwork(facts);
			case "NotIpAddress" -> facts.sourceIp() != null && !inAnyNetwork(facts);
			case "StringEquals" -> this.values.contains(text(facts));
			case "StringNotEquals" -> text(facts) == null || !this.values.contains(text(facts));
			case "StringLike" ->
				text(facts) != null && this.patterns.stream().anyMatch(p -> p.matcher(text(facts)).matches());
			case "StringNotLike" ->
				text(facts) == null || this.patterns.stream().noneMatch(p -> p.matcher(text(facts)).matches());
			case "Bool" -> this.values.contains(Boolean.toString(facts.secureTransport()));
			// Unknown operators never parse; an unexpected one fails safe: a Deny
			// applies, an Allow does not.
			default -> effect == PolicyDocument.Effect.DENY;
		};
	}

	private boolean inAnyNetwork(RequestFacts facts) {
		for (Cidr network : this.networks) {
			if (network.contains(facts.sourceIp())) {
				return true;
			}
		}
		return false;
	}

	private String text(RequestFacts facts) {
		return switch (this.key) {
			case "aws:useragent" -> facts.userAgent();
			case "aws:referer" -> facts.referer();
			case "aws:securetransport" -> Boolean.toString(facts.secureTransport());
			default -> null;
		};
	}

}
