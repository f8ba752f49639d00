package dev.turnpike.authorizer.invoke;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How functions are hosted ({@code turnpike.functions.*}).
 * @param timeout how long a function may run before its invocation fails as timed out (Lambda's default, 3s)
 * @param timeouts per-function timeouts, by function name
 * @param maxConcurrency invocations running at once across all functions; beyond it the Invoke API answers 429
 * @param region the region in the ARNs functions see
 * @param accountId the account in the ARNs functions see
 * @param handlers functions given by class name, as Lambda's {@code Handler} setting: name → fully qualified class of
 * a {@code RequestHandler} or {@code RequestStreamHandler} with a public no-argument constructor
 */
@ConfigurationProperties("turnpike.functions")
public record FunctionsProperties(@DefaultValue("3s") Duration timeout, Map<String, Duration> timeouts,
		@DefaultValue("64") int maxConcurrency, @DefaultValue("us-east-1") String region,
		@DefaultValue("000000000000") String accountId, Map<String, String> handlers) {

	public FunctionsProperties {
		timeouts = (timeouts != null) ? Map.copyOf(timeouts) : Map.of();
		handlers = (handlers != null) ? Map.copyOf(handlers) : Map.of();
		if (maxConcurrency < 1) {
			throw new IllegalArgumentException("turnpike.functions.max-concurrency must be at least 1");
		}
	}

	public Duration timeoutOf(String function) {
		return this.timeouts.getOrDefault(function, this.timeout);
	}

	public String arnOf(String function) {
		return "arn:aws:lambda:" + this.region + ":" + this.accountId + ":function:" + function;
	}

}
