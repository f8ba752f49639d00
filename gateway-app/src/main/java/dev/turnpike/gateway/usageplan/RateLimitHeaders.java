package dev.turnpike.gateway.usageplan;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.turnpike.usageplans.core.ThrottleSettings;
import dev.turnpike.usageplans.core.UsageLimitCall;

/**
 * The IETF {@code RateLimit-Policy} / {@code RateLimit} headers
 * (draft-ietf-httpapi-ratelimit-headers, structured field form) for a usage-plan
 * decision, and {@code Retry-After} on a 429:
 *
 * <pre>
 * RateLimit-Policy: "throttle";q=20;w=2, "quota";q=10000;w=2592000
 * RateLimit: "throttle";r=19;t=1, "quota";r=9412;t=86400
 * </pre>
 */
final class RateLimitHeaders {

	static final String POLICY = "RateLimit-Policy";

	static final String LIMIT = "RateLimit";

	static final String RETRY_AFTER = "Retry-After";

	private RateLimitHeaders() {
	}

	static Map<String, String> of(UsageLimiter.Outcome outcome) {
		Map<String, String> headers = new LinkedHashMap<>(4);
		StringBuilder policy = new StringBuilder();
		StringBuilder limit = new StringBuilder();
		UsageLimitCall.Decision decision = outcome.decision();
		ThrottleSettings throttle = outcome.throttle();
		if (throttle != null && throttle.isComplete() && decision.tokensRemaining() >= 0) {
			long window = (throttle.rateLimit() > 0)
					? Math.max(1, Math.round(throttle.burstLimit() / throttle.rateLimit())) : 1;
			policy.append("\"throttle\";q=").append(throttle.burstLimit()).append(";w=").append(window);
			limit.append("\"throttle\";r=")
				.append(decision.tokensRemaining())
				.append(";t=")
				.append(Math.max(1, (decision.retryAfterMillis() + 999) / 1000));
		}
		if (outcome.quota() != null && outcome.window() != null && decision.quotaRemaining() >= 0) {
			long period = outcome.window().endInstant().getEpochSecond()
					- outcome.window().startInstant().getEpochSecond();
			append(policy, "\"quota\";q=" + outcome.quota().limit() + ";w=" + period);
			append(limit, "\"quota\";r=" + decision.quotaRemaining() + ";t="
					+ outcome.window().secondsUntilEnd(outcome.now()));
		}
		if (policy.length() > 0) {
			headers.put(POLICY, policy.toString());
			headers.put(LIMIT, limit.toString());
		}
		if (decision.outcome() == UsageLimitCall.Outcome.THROTTLED) {
			headers.put(RETRY_AFTER, Long.toString(Math.max(1, (decision.retryAfterMillis() + 999) / 1000)));
		}
		else if (decision.outcome() == UsageLimitCall.Outcome.QUOTA_EXCEEDED && outcome.window() != null) {
			headers.put(RETRY_AFTER, Long.toString(outcome.window().secondsUntilEnd(outcome.now())));
		}
		return headers;
	}

	private static void append(StringBuilder header, String item) {
		header.append(header.length() > 0 ? ", " : "").append(item);
	}

}
