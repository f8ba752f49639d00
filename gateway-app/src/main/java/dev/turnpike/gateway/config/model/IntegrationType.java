package dev.turnpike.gateway.config.model;

import java.util.Locale;

/** {@code x-amazon-apigateway-integration.type}, case-insensitive as in AWS exports. */
public enum IntegrationType {

	HTTP, HTTP_PROXY, MOCK, AWS, AWS_PROXY;

	/** The type for a config value, or {@code null} when it names none. */
	public static IntegrationType parse(String value) {
		try {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	public boolean isProxy() {
		return this == HTTP_PROXY || this == AWS_PROXY;
	}

	public String configName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
