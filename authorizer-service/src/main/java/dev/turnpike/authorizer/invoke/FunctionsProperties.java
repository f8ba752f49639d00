package dev.turnpike.authorizer.invoke;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How functions are hosted ({@code turnpike.functions.*}).
 *
 * @param timeout how long a function may run before its invocation fails as timed out
 * (Lambda's default, 3s)
 * @param timeouts per-function timeouts, by function name
 * @param maxConcurrency invocations running at once across all functions; beyond it the
 * Invoke API answers 429
 * @param region the region in the ARNs functions see
 * @param accountId the account in the ARNs functions see
 * @param handlers functions given by class name, as Lambda's {@code Handler} setting:
 * name → fully qualified class of a {@code RequestHandler} or
 * {@code RequestStreamHandler} with a public no-argument constructor
 * @param accessKeyId the access key id callers sign invocations with (SigV4, service
 * {@code lambda}, {@link #region}); unset: every invocation is refused
 * @param secretAccessKey its secret (at least {@value #MIN_SECRET_LENGTH} characters);
 * never logged
 * @param clockSkew how far a signed request's {@code X-Amz-Date} may be from the
 * service's clock (AWS: 5 minutes)
 */
@ConfigurationProperties("turnpike.functions")
public record FunctionsProperties(@DefaultValue("3s") Duration timeout, Map<String, Duration> timeouts,
		@DefaultValue("64") int maxConcurrency, @DefaultValue("us-east-1") String region,
		@DefaultValue("000000000000") String accountId, Map<String, String> handlers, String accessKeyId,
		String secretAccessKey, @DefaultValue("5m") Duration clockSkew) {

	/**
	 * Shorter secrets are refused at start: the key pair is all that stands between the
	 * network and the functions.
	 */
	public static final int MIN_SECRET_LENGTH = 16;

	public FunctionsProperties {
		timeouts = (timeouts != null) ? Map.copyOf(timeouts) : Map.of();
		handlers = (handlers != null) ? Map.copyOf(handlers) : Map.of();
		accessKeyId = (accessKeyId != null && !accessKeyId.isBlank()) ? accessKeyId.trim() : null;
		secretAccessKey = (secretAccessKey != null && !secretAccessKey.isBlank()) ? secretAccessKey : null;
		if (maxConcurrency < 1) {
			throw new IllegalArgumentException("turnpike.functions.max-concurrency must be at least 1");
		}
		if ((accessKeyId == null) != (secretAccessKey == null)) {
			throw new IllegalArgumentException(
					"turnpike.functions.access-key-id and turnpike.functions.secret-access-key" + " are set together: "
							+ ((accessKeyId == null) ? "access-key-id" : "secret-access-key") + " is missing");
		}
		if (secretAccessKey != null && secretAccessKey.length() < MIN_SECRET_LENGTH) {
			throw new IllegalArgumentException(
					"turnpike.functions.secret-access-key must be at least " + MIN_SECRET_LENGTH + " characters long");
		}
		if (clockSkew.isNegative() || clockSkew.isZero()) {
			throw new IllegalArgumentException("turnpike.functions.clock-skew must be positive, not " + clockSkew);
		}
	}

	/** Whether callers can be authenticated at all (a key pair is configured). */
	public boolean hasInvokeCredentials() {
		return this.accessKeyId != null;
	}

	/**
	 * The secret of {@code accessKeyId}, or {@code null} when it is not the configured
	 * key.
	 */
	public String secretOf(String accessKeyId) {
		return (this.accessKeyId != null && this.accessKeyId.equals(accessKeyId)) ? this.secretAccessKey : null;
	}

	public Duration timeoutOf(String function) {
		return this.timeouts.getOrDefault(function, this.timeout);
	}

	public String arnOf(String function) {
		return "arn:aws:lambda:" + this.region + ":" + this.accountId + ":function:" + function;
	}

	/** Like the record's, without the secret. */
	@Override
	public String toString() {
		return "FunctionsProperties[timeout=" + this.timeout + ", timeouts=" + this.timeouts + ", maxConcurrency="
				+ this.maxConcurrency + ", region=" + this.region + ", accountId=" + this.accountId + ", handlers="
				+ this.handlers + ", accessKeyId=" + this.accessKeyId + ", secretAccessKey="
				+ ((this.secretAccessKey != null) ? "******" : null) + ", clockSkew=" + this.clockSkew + "]";
	}

}
