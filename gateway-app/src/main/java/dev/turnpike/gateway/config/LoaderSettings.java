package dev.turnpike.gateway.config;

/**
 * Gateway-wide bounds the config repo is checked against.
 *
 * @param defaultTimeoutMillis the integration timeout when an integration sets none (AWS: 29 000 ms)
 * @param maxTimeoutMillis the largest {@code timeoutInMillis} an integration may set (AWS: 29 000 ms unless
 * raised)
 */
public record LoaderSettings(int defaultTimeoutMillis, int maxTimeoutMillis) {

	public static final int AWS_TIMEOUT_MILLIS = 29_000;

	public LoaderSettings {
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
