package dev.turnpike.gateway.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.turnpike.gateway.config.model.AccessLogSettings;
import dev.turnpike.gateway.config.model.BackendResilience;
import dev.turnpike.gateway.config.model.FeatureSettings;
import dev.turnpike.gateway.config.model.SimpleTemplate;
import dev.turnpike.gateway.config.model.Stage;
import dev.turnpike.gateway.config.model.StageVariables;

/** Reads {@code apis/<api-id>/stages/<stage>.yaml}. */
final class StageReader {

	/**
	 * Stage names: alphanumerics, {@code -} and {@code _}, at most 128 characters (AWS's
	 * rule).
	 */
	static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");

	private static final Set<String> KEYS = Set.of("description", "variables", "resilience", "accessLog");

	/** The loader's own keys and every installed feature's. */
	private static final Set<String> ALL_KEYS = allKeys();

	private static Set<String> allKeys() {
		Set<String> keys = new java.util.HashSet<>(KEYS);
		FeatureConfigs.installed().forEach(feature -> keys.addAll(feature.stageKeys()));
		return Set.copyOf(keys);
	}

	private static final int MAX_VARIABLES = 100;

	private static final int MAX_NAME_LENGTH = 64;

	private static final int MAX_VALUE_LENGTH = 512;

	private StageReader() {
	}

	static Stage read(String name, ConfigNode root) {
		if (!root.isMissing() && !root.isMap()) {
			root.error("must be a map with 'variables' and other stage settings");
			return null;
		}
		root.rejectUnknownKeys(ALL_KEYS);
		ConfigNode variablesNode = root.get("variables");
		Map<String, String> variables = new LinkedHashMap<>();
		variablesNode.entries().forEach((variable, valueNode) -> {
			String value = valueNode.requiredText();
			if (!StageVariables.NAME.matcher(variable).matches() || variable.length() > MAX_NAME_LENGTH) {
				valueNode.error(
						"stage variable names use A-Z a-z 0-9 _ and have at most " + MAX_NAME_LENGTH + " characters");
			}
			else if (value != null
					&& (!StageVariables.VALUE.matcher(value).matches() || value.length() > MAX_VALUE_LENGTH)) {
				valueNode.error("'" + value
						+ "' is not a valid stage variable value (characters A-Z a-z 0-9 - . _ ~ : / ? # & = ,"
						+ " at most " + MAX_VALUE_LENGTH + ")");
			}
			else if (value != null) {
				variables.put(variable, value);
			}
		});
		if (variables.size() > MAX_VARIABLES) {
			variablesNode.error("a stage has at most " + MAX_VARIABLES + " variables, not " + variables.size());
		}
		FeatureSettings.Builder features = FeatureSettings.builder();
		FeatureConfigs.installed().forEach(feature -> feature.readStage(root, features));
		return new Stage(name, root.file(), Map.copyOf(variables), readResilience(root.get("resilience")),
				readAccessLog(root.get("accessLog")), features.build());
	}

	/**
	 * {@code accessLog: {format: clf|json|xml|csv|<custom>, destination: stdout|<file
	 * path>}}. A custom format is one line and must name {@code $context.requestId} or
	 * {@code $context.extendedRequestId}, as on AWS.
	 */
	static AccessLogSettings readAccessLog(ConfigNode node) {
		if (node.isMissing()) {
			return null;
		}
		node.rejectUnknownKeys(Set.of("format", "destination"));
		String format = node.get("format").requiredText();
		if (format == null) {
			return null;
		}
		SimpleTemplate template = AccessLogSettings.format(format);
		if (!AccessLogSettings.PRESETS.containsKey(format.trim().toLowerCase(java.util.Locale.ROOT))) {
			if (format.contains("\n") || format.contains("\r")) {
				node.get("format").error("must be one line");
				return null;
			}
			if (!format.contains("context.requestId") && !format.contains("context.extendedRequestId")) {
				node.get("format").error("must include $context.requestId or $context.extendedRequestId");
				return null;
			}
		}
		String destination = node.get("destination").text();
		return new AccessLogSettings(template,
				(destination == null || destination.isBlank()) ? "stdout" : destination.trim());
	}

	/** {@code resilience: {circuitBreaker: {...}, bulkhead: {...}, retry: {...}}}. */
	static BackendResilience readResilience(ConfigNode node) {
		if (node.isMissing()) {
			return BackendResilience.NONE;
		}
		node.rejectUnknownKeys(Set.of("circuitBreaker", "bulkhead", "retry"));
		ConfigNode breaker = node.get("circuitBreaker");
		breaker.rejectUnknownKeys(Set.of("failureRateThreshold", "slidingWindowSize", "minimumNumberOfCalls",
				"waitDurationInOpenState", "permittedCallsInHalfOpenState"));
		ConfigNode bulkhead = node.get("bulkhead");
		bulkhead.rejectUnknownKeys(Set.of("maxConcurrentCalls"));
		ConfigNode retry = node.get("retry");
		retry.rejectUnknownKeys(Set.of("maxAttempts", "waitDuration"));
		Integer rate = breaker.get("failureRateThreshold").integer(1, 100);
		return new BackendResilience((rate != null) ? rate.floatValue() : null,
				breaker.get("slidingWindowSize").integer(1, 10_000),
				breaker.get("minimumNumberOfCalls").integer(1, 10_000),
				duration(breaker.get("waitDurationInOpenState")),
				breaker.get("permittedCallsInHalfOpenState").integer(1, 1000),
				bulkhead.get("maxConcurrentCalls").integer(1, 100_000), retry.get("maxAttempts").integer(1, 5),
				duration(retry.get("waitDuration")));
	}

	private static java.time.Duration duration(ConfigNode node) {
		String text = node.text();
		if (text == null) {
			return null;
		}
		try {
			java.time.Duration value = parseDuration(text.trim());
			if (value.isNegative() || value.toHours() > 24) {
				node.error("must be between 0 and 24h, not " + text);
				return null;
			}
			return value;
		}
		catch (IllegalArgumentException ex) {
			node.error("'" + text + "' is not a duration (such as 500ms, 10s, 1m)");
			return null;
		}
	}

	private static final java.util.regex.Pattern SIMPLE_DURATION = java.util.regex.Pattern
		.compile("(\\d{1,9})(ns|us|ms|s|m|h|d)?");

	/**
	 * A duration as Spring Boot writes them ({@code 500ms}, {@code 10s}, {@code 1m}; a
	 * bare number is milliseconds) or ISO-8601 ({@code PT10S}), parsed without Spring so
	 * {@code validate} needs none.
	 */
	static java.time.Duration parseDuration(String text) {
		java.util.regex.Matcher simple = SIMPLE_DURATION.matcher(text.toLowerCase(java.util.Locale.ROOT));
		if (simple.matches()) {
			long amount = Long.parseLong(simple.group(1));
			String unit = (simple.group(2) != null) ? simple.group(2) : "ms";
			return switch (unit) {
				case "ns" -> java.time.Duration.ofNanos(amount);
				case "us" -> java.time.Duration.ofNanos(amount * 1000);
				case "ms" -> java.time.Duration.ofMillis(amount);
				case "s" -> java.time.Duration.ofSeconds(amount);
				case "m" -> java.time.Duration.ofMinutes(amount);
				case "h" -> java.time.Duration.ofHours(amount);
				default -> java.time.Duration.ofDays(amount);
			};
		}
		try {
			return java.time.Duration.parse(text);
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw new IllegalArgumentException("not a duration: " + text, ex);
		}
	}

}
