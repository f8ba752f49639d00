package dev.turnpike.gateway.authorizer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

/**
 * Verifies JWTs with Spring Security's Nimbus decoder, one per issuer: the signature
 * against the issuer's keys (asymmetric algorithms only, so neither {@code alg: none} nor
 * an HMAC signed with a public key passes), the issuer, and
 * {@code exp}/{@code nbf}/{@code iat} with a small clock skew. A verified token is
 * cached, keyed by its SHA-256, until it expires, so a repeated token costs no signature
 * check.
 */
public final class JwtVerifiers {

	private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
			JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
			JWSAlgorithm.ES384, JWSAlgorithm.ES512);

	private final HttpClient http;

	private final Duration timeout;

	private final Duration maxAge;

	private final Duration minRefreshInterval;

	private final Duration clockSkew;

	private final Clock clock;

	private final Map<String, NimbusReactiveJwtDecoder> decoders = new ConcurrentHashMap<>();

	private final Map<String, IssuerKeys> keys = new ConcurrentHashMap<>();

	private final Cache<String, Jwt> verified;

	private final Counter verifications;

	private final Counter cacheHits;

	public JwtVerifiers(HttpClient http, Duration timeout, Duration maxAge, Duration minRefreshInterval,
			Duration clockSkew, Clock clock, long cacheSize, MeterRegistry meters) {
		this.http = http;
		this.timeout = timeout;
		this.maxAge = maxAge;
		this.minRefreshInterval = minRefreshInterval;
		this.clockSkew = clockSkew;
		this.clock = clock;
		this.verified = Caffeine.newBuilder().maximumSize(cacheSize).expireAfter(new Expiry<String, Jwt>() {

			@Override
			public long expireAfterCreate(String key, Jwt jwt, long currentTime) {
				Instant expires = (jwt.getExpiresAt() != null) ? jwt.getExpiresAt() : clock.instant().plusSeconds(60);
				Duration left = Duration.between(clock.instant(), expires);
				return Math.max(0, Math.min(left.toNanos(), Duration.ofHours(1).toNanos()));
			}

			@Override
			public long expireAfterUpdate(String key, Jwt jwt, long currentTime, long currentDuration) {
				return currentDuration;
			}

			@Override
			public long expireAfterRead(String key, Jwt jwt, long currentTime, long currentDuration) {
				return currentDuration;
			}

		}).build();
		this.verifications = Counter.builder("turnpike.authorizer.calls")
			.tag("type", "jwt")
			.description("JWT signature verifications")
			.register(meters);
		this.cacheHits = Counter.builder("turnpike.authorizer.cache.hits")
			.tag("type", "jwt")
			.description("Requests whose JWT was already verified")
			.register(meters);
	}

	/**
	 * The verified token; errors with a {@code JwtException} when it is invalid for this
	 * issuer.
	 */
	public Mono<Jwt> verify(String issuer, String token) {
		String key = issuer + "\u0000" + sha256(token);
		Jwt cached = this.verified.getIfPresent(key);
		if (cached != null && (cached.getExpiresAt() == null
				|| this.clock.instant().isBefore(cached.getExpiresAt().plus(this.clockSkew)))) {
			this.cacheHits.increment();
			return Mono.just(cached);
		}
		this.verifications.increment();
		return decoder(issuer).decode(token).doOnNext(jwt -> this.verified.put(key, jwt));
	}

	private NimbusReactiveJwtDecoder decoder(String issuer) {
		return this.decoders.computeIfAbsent(issuer, iss -> {
			IssuerKeys issuerKeys = this.keys.computeIfAbsent(iss,
					i -> new IssuerKeys(i, this.http, this.timeout, this.maxAge, this.minRefreshInterval, this.clock));
			NimbusReactiveJwtDecoder.JwkSourceReactiveJwtDecoderBuilder builder = NimbusReactiveJwtDecoder
				.withJwkSource(issuerKeys::keysFor)
				// AWS does not check the typ header (access tokens are often at+jwt).
				.validateType(false)
				// The builder takes a single algorithm; the key selector takes the whole
				// asymmetric set.
				.jwtProcessorCustomizer(processor -> processor
					.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new JWKSecurityContextJWKSet())));
			NimbusReactiveJwtDecoder decoder = builder.build();
			JwtTimestampValidator timestamps = new JwtTimestampValidator(this.clockSkew);
			timestamps.setClock(this.clock);
			decoder.setJwtValidator(
					new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(iss), issuedInThePast()));
			return decoder;
		});
	}

	private OAuth2TokenValidator<Jwt> issuedInThePast() {
		return jwt -> (jwt.getIssuedAt() != null
				&& jwt.getIssuedAt().isAfter(this.clock.instant().plus(this.clockSkew)))
						? OAuth2TokenValidatorResult
							.failure(new OAuth2Error("invalid_token", "the token was issued in the future", null))
						: OAuth2TokenValidatorResult.success();
	}

	static String sha256(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
