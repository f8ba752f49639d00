package dev.turnpike.gateway.config;

import dev.turnpike.gateway.template.MappingTemplateEngine;
import dev.turnpike.gateway.template.TemplateLimits;

/**
 * Gateway-wide bounds the config repo is checked against.
 *
 * @param defaultTimeoutMillis the integration timeout when an integration sets none (AWS:
 * 29 000 ms)
 * @param maxTimeoutMillis the largest {@code timeoutInMillis} an integration may set
 * (AWS: 29 000 ms unless raised)
 * @param cognitoIssuer the issuer URL of a Cognito user pool, with {@code {region}} and
 * {@code {userPoolId}} placeholders (AWS:
 * {@code https://cognito-idp.{region}.amazonaws.com/{userPoolId}})
 * @param templates the engine mapping templates are compiled with (and later rendered by)
 */
public record LoaderSettings(int defaultTimeoutMillis, int maxTimeoutMillis, String cognitoIssuer,
		MappingTemplateEngine templates) {

	public static final String AWS_COGNITO_ISSUER = "https://cognito-idp.{region}.amazonaws.com/{userPoolId}";

	public LoaderSettings(int defaultTimeoutMillis, int maxTimeoutMillis) {
		this(defaultTimeoutMillis, maxTimeoutMillis, AWS_COGNITO_ISSUER, null);
	}

	public LoaderSettings(int defaultTimeoutMillis, int maxTimeoutMillis, String cognitoIssuer) {
		this(defaultTimeoutMillis, maxTimeoutMillis, cognitoIssuer, null);
	}

	/** The issuer of a user pool. */
	public String cognitoIssuer(String region, String userPoolId) {
		return this.cognitoIssuer.replace("{region}", region).replace("{userPoolId}", userPoolId);
	}

	public static final int AWS_TIMEOUT_MILLIS = 29_000;

	public LoaderSettings {
		if (templates == null) {
			templates = new MappingTemplateEngine(TemplateLimits.DEFAULTS);
		}
		if (cognitoIssuer == null || cognitoIssuer.isBlank()) {
			cognitoIssuer = AWS_COGNITO_ISSUER;
		}
		if (maxTimeoutMillis < 50) {
			throw new IllegalArgumentException("the maximum integration timeout must be at least 50 ms");
		}
		if (defaultTimeoutMillis < 50 || defaultTimeoutMillis > maxTimeoutMillis) {
			throw new IllegalArgumentException("the default integration timeout (" + defaultTimeoutMillis
					+ " ms) must be between 50 ms and the maximum (" + maxTimeoutMillis + " ms)");
		}
	}

	public static LoaderSettings defaults() {
		return new LoaderSettings(AWS_TIMEOUT_MILLIS, AWS_TIMEOUT_MILLIS);
	}

}
