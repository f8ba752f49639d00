package dev.turnpike.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import dev.turnpike.gateway.config.LoaderSettings;
import dev.turnpike.gateway.config.model.AccessLogSettings;
import dev.turnpike.gateway.config.model.BackendResilience;
import dev.turnpike.gateway.template.MappingTemplateEngine;
import dev.turnpike.gateway.template.TemplateLimits;

/**
 * Gateway-wide settings under {@code turnpike.*}. Per-API behaviour lives in the config
 * repo; these are the operator's knobs.
 *
 * @param config where the config repo is and how often it is checked for changes
 * @param integration integration call bounds
 * @param limits request limits
 * @param apiKeys API key checks
 * @param redis how the gateway uses Redis (usage plans, throttles) and what it does while
 * Redis is down
 * @param throttling the gateway-wide throttle (AWS: the account-level throttle)
 * @param authorizers authorizer bounds and caches
 * @param aws the region and account in ARNs
 * @param trustedProxies addresses or networks of proxies in front of the gateway whose
 * {@code X-Forwarded-For} is believed (the client address is then the right-most address
 * not among them)
 * @param templates what one mapping template rendering may cost
 * @param resilience how backends are protected by default (stage files may override)
 * @param accessLog the default access log of stages that set none
 */
@Validated
@ConfigurationProperties("turnpike")
public record TurnpikeProperties(@DefaultValue Config config, @DefaultValue Integration integration,
		@DefaultValue Limits limits, @DefaultValue ApiKeys apiKeys, @DefaultValue Redis redis,
		@DefaultValue Throttling throttling, @DefaultValue Authorizers authorizers, @DefaultValue Aws aws,
		List<String> trustedProxies, @DefaultValue Templates templates, @DefaultValue Resilience resilience,
		@DefaultValue AccessLog accessLog) {

	public TurnpikeProperties {
		trustedProxies = (trustedProxies != null) ? List.copyOf(trustedProxies) : List.of();
	}

	/**
	 * The identity AWS ARNs are built with ({@code methodArn}, resource policies).
	 *
	 * @param region the region in ARNs
	 * @param accountId the account id in ARNs
	 */
	public record Aws(@DefaultValue("us-east-1") String region, @DefaultValue("000000000000") String accountId) {
	}

	/**
	 * @param lambdaTimeout how long a Lambda authorizer may take
	 * @param cognitoIssuer a Cognito user pool's issuer URL with {@code {region}} and
	 * {@code {userPoolId}}
	 * @param clockSkew tolerance for JWT {@code exp}, {@code nbf} and {@code iat}
	 * @param jwksMaxAge how long a JWKS is used before it is fetched again
	 * @param jwksMinRefreshInterval the least time between fetches caused by unknown key
	 * ids
	 * @param idpTimeout how long discovery and JWKS requests to an identity provider may
	 * take
	 * @param cacheSize how many verified tokens and Lambda decisions are cached at most
	 */
	public record Authorizers(@DefaultValue("10s") Duration lambdaTimeout,
			@DefaultValue("https://cognito-idp.{region}.amazonaws.com/{userPoolId}") String cognitoIssuer,
			@DefaultValue("30s") Duration clockSkew, @DefaultValue("2h") Duration jwksMaxAge,
			@DefaultValue("30s") Duration jwksMinRefreshInterval, @DefaultValue("1500ms") Duration idpTimeout,
			@DefaultValue("100000") long cacheSize) {
	}

	/**
	 * @param location the config repo directory ({@code TURNPIKE_CONFIG_LOCATION});
	 * default {@code config-repo}
	 * @param pollInterval how often the directory is checked for changes; a change is
	 * applied once two checks agree, so edits take effect within about twice this
	 * @param watch whether to watch for changes at all (default true)
	 */
	public record Config(@DefaultValue("config-repo") Path location, @DefaultValue("250ms") Duration pollInterval,
			@DefaultValue("true") boolean watch) {
	}

	/**
	 * @param defaultTimeout the timeout of integrations that set no
	 * {@code timeoutInMillis} (AWS: 29 s)
	 * @param maxTimeout the largest {@code timeoutInMillis} the config repo may set (AWS:
	 * 29 s unless raised)
	 * @param connectTimeout the longest a backend connection may take to open (capped by
	 * the integration timeout)
	 */
	public record Integration(@DefaultValue("29s") Duration defaultTimeout, @DefaultValue("29s") Duration maxTimeout,
			@DefaultValue("10s") Duration connectTimeout) {
	}

	/**
	 * @param maxRenderTime how long one rendering may run before it is stopped (the
	 * client gets a 500)
	 * @param maxOutputSize the most one rendering may produce
	 */
	public record Templates(@DefaultValue("500ms") Duration maxRenderTime,
			@DefaultValue("10MB") DataSize maxOutputSize) {

		public TemplateLimits limits() {
			return new TemplateLimits(this.maxRenderTime,
					(int) Math.min(Integer.MAX_VALUE / 8, this.maxOutputSize.toBytes()),
					TemplateLimits.DEFAULTS.maxTemplateChars(), TemplateLimits.DEFAULTS.maxLoops());
		}

	}

	/**
	 * Backend protection defaults (each stage file's {@code resilience:} block may
	 * override them).
	 *
	 * @param failureRateThreshold percentage of failed calls (errors, timeouts, 5xx) that
	 * opens a backend's breaker
	 * @param slidingWindowSize calls the failure rate is computed over
	 * @param minimumNumberOfCalls calls needed before the failure rate counts
	 * @param waitDurationInOpenState how long an open breaker refuses calls before trial
	 * calls
	 * @param permittedCallsInHalfOpenState trial calls that decide whether the breaker
	 * closes
	 * @param maxConcurrentCalls calls one backend may have in flight
	 * @param retryMaxAttempts attempts per idempotent request (1: no retries)
	 * @param retryWaitDuration the pause between attempts
	 */
	public record Resilience(@DefaultValue("50") float failureRateThreshold, @DefaultValue("50") int slidingWindowSize,
			@DefaultValue("20") int minimumNumberOfCalls, @DefaultValue("10s") Duration waitDurationInOpenState,
			@DefaultValue("5") int permittedCallsInHalfOpenState, @DefaultValue("1000") int maxConcurrentCalls,
			@DefaultValue("1") int retryMaxAttempts, @DefaultValue("100ms") Duration retryWaitDuration) {

		public BackendResilience defaults() {
			return new BackendResilience(this.failureRateThreshold, this.slidingWindowSize, this.minimumNumberOfCalls,
					this.waitDurationInOpenState, this.permittedCallsInHalfOpenState, this.maxConcurrentCalls,
					this.retryMaxAttempts, this.retryWaitDuration);
		}

	}

	/**
	 * @param format {@code clf}, {@code json}, {@code xml}, {@code csv} or a custom
	 * {@code $context} format; empty: no access log for stages that do not set their own
	 * @param destination {@code stdout} or a file path
	 */
	public record AccessLog(@DefaultValue("") String format, @DefaultValue("stdout") String destination) {

		public AccessLogSettings settings() {
			return (this.format == null || this.format.isBlank()) ? null
					: new AccessLogSettings(AccessLogSettings.format(this.format), this.destination);
		}

	}

	/**
	 * The bounds the config repo is checked against, and the engine its templates are
	 * compiled with.
	 */
	public LoaderSettings loaderSettings(MappingTemplateEngine templates) {
		return new LoaderSettings((int) this.integration.defaultTimeout().toMillis(),
				(int) this.integration.maxTimeout().toMillis(), this.authorizers.cognitoIssuer(), templates);
	}

	/**
	 * @param maxPayloadSize the largest request body accepted; larger ones get 413 (AWS:
	 * 10 MB)
	 * @param maxHeaderValuesSize the most bytes all of a request's header values may add
	 * up to; more gets 431 (AWS REST: 10 240 bytes)
	 * @param maxHeaderCount the most header lines a request may have; more gets 431 (AWS
	 * documents none)
	 * @param maxUriLength the longest request target (path and query) in characters;
	 * longer gets 414 (AWS regional: 10 240)
	 */
	public record Limits(@DefaultValue("10MB") DataSize maxPayloadSize,
			@DefaultValue("10KB") DataSize maxHeaderValuesSize, @DefaultValue("100") int maxHeaderCount,
			@DefaultValue("10240") int maxUriLength) {

		public Limits {
			requirePositive("turnpike.limits.max-header-values-size", maxHeaderValuesSize.toBytes(),
					Integer.MAX_VALUE / 4);
			requirePositive("turnpike.limits.max-header-count", maxHeaderCount, 100_000);
			requirePositive("turnpike.limits.max-uri-length", maxUriLength, Integer.MAX_VALUE / 4);
		}

		/**
		 * The payload limit as a buffer size (a Java array holds at most
		 * {@code Integer.MAX_VALUE - 8} bytes).
		 */
		public int maxPayloadBytes() {
			return (int) Math.min(Integer.MAX_VALUE - 8, this.maxPayloadSize.toBytes());
		}

		private static void requirePositive(String name, long value, long max) {
			if (value < 1 || value > max) {
				throw new IllegalArgumentException(name + " must be between 1 and " + max + ", not " + value);
			}
		}

	}

	/**
	 * @param hashSecret the secret API key values are hashed with; the usage-plan service
	 * must use the same one ({@code TURNPIKE_API_KEYS_HASH_SECRET}); required once any
	 * API requires keys
	 * @param cacheTtl how long a key or plan is cached at most; changes are pushed
	 * through Redis pub/sub and apply within a second, this bounds the staleness if a
	 * notification is lost
	 * @param cacheSize how many keys are cached at most
	 */
	public record ApiKeys(String hashSecret, @DefaultValue("60s") Duration cacheTtl,
			@DefaultValue("100000") long cacheSize) {
	}

	/**
	 * @param commandTimeout the longest a usage-limit call to Redis (made on every keyed
	 * or throttled request) may take before the failure policy applies
	 * @param lookupTimeout the longest a key or plan lookup may take; lookups happen only
	 * on cache misses (a key's first use on this replica, after a change or the cache
	 * TTL), so they may wait longer than the limit calls
	 * @param failurePolicy what limits do while Redis is unavailable (overridable per
	 * usage plan with the tag {@code turnpike:redis-failure-policy})
	 * @param circuitBreaker when to stop calling an unavailable Redis for a while
	 */
	public record Redis(@DefaultValue("100ms") Duration commandTimeout, @DefaultValue("1s") Duration lookupTimeout,
			@DefaultValue("local") FailurePolicy failurePolicy, @DefaultValue CircuitBreaker circuitBreaker) {
	}

	/**
	 * The breaker in front of every Redis call of the request path (key lookups and
	 * usage-limit calls). While it is open, requests get the failure policy's answer at
	 * once instead of each waiting out the command timeout; after {@code waitInOpenState}
	 * a few requests probe Redis again, so a returning Redis is used within
	 * {@code waitInOpenState} plus one probe.
	 *
	 * @param failureRateThreshold percentage of failed or timed-out calls that opens the
	 * breaker
	 * @param slidingWindowSize calls the failure rate is measured over
	 * @param minimumNumberOfCalls calls needed before the rate counts (the most requests
	 * that wait out the timeout before the breaker opens)
	 * @param waitInOpenState how long the breaker stays open before probing Redis again
	 * @param permittedCallsInHalfOpenState probe calls that must succeed to close the
	 * breaker again
	 */
	public record CircuitBreaker(@DefaultValue("50") float failureRateThreshold,
			@DefaultValue("20") int slidingWindowSize, @DefaultValue("5") int minimumNumberOfCalls,
			@DefaultValue("1s") Duration waitInOpenState, @DefaultValue("2") int permittedCallsInHalfOpenState) {
	}

	/** What usage limits do while Redis is unavailable. */
	public enum FailurePolicy {

		/**
		 * Admit requests without enforcing limits (keys are still checked where they are
		 * cached).
		 */
		FAIL_OPEN,
		/** Refuse keyed and throttled requests with 503. */
		FAIL_CLOSED,
		/**
		 * Enforce limits in memory on each replica, each allowing its share (limit ÷ live
		 * replicas).
		 */
		LOCAL

	}

	/**
	 * The gateway-wide throttle applied to every request after stage throttles. Off
	 * unless both are set: AWS's account default of 10 000 rps would silently cap a
	 * self-hosted cluster.
	 *
	 * @param rateLimit requests per second across all replicas
	 * @param burstLimit bucket capacity
	 */
	public record Throttling(Double rateLimit, Integer burstLimit) {

		public boolean isEnabled() {
			return this.rateLimit != null && this.burstLimit != null;
		}

	}

}
