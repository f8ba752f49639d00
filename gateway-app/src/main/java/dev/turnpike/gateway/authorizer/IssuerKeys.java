package dev.turnpike.gateway.authorizer;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An issuer's signing keys: the JWKS found through
 * {@code /.well-known/openid-configuration}, fetched when first needed and again after
 * {@code maxAge}. A token with an unknown key id causes at most one refetch per
 * {@code minRefreshInterval} (so a flood of made-up key ids cannot become a flood of
 * requests to the IdP), and when the IdP cannot be reached the last keys fetched keep
 * working.
 */
final class IssuerKeys {

	private static final Log LOG = LogFactory.getLog(IssuerKeys.class);

	/** AWS's limit on a JWKS response. */
	static final int MAX_JWKS_BYTES = 150_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String issuer;

	private final HttpClient http;

	private final Duration timeout;

	private final Duration maxAge;

	private final Duration minRefreshInterval;

	private final Clock clock;

	private volatile JWKSet keys;

	private volatile Instant fetchedAt = Instant.EPOCH;

	private volatile Instant attemptedAt = Instant.EPOCH;

	private volatile Mono<JWKSet> inFlight;

	IssuerKeys(String issuer, HttpClient http, Duration timeout, Duration maxAge, Duration minRefreshInterval,
			Clock clock) {
		this.issuer = issuer;
		this.http = http;
		this.timeout = timeout;
		this.maxAge = maxAge;
		this.minRefreshInterval = minRefreshInterval;
		this.clock = clock;
	}

	/**
	 * The candidate keys for a token: those with its key id (all, when it names none).
	 */
	Flux<JWK> keysFor(SignedJWT jwt) {
		String kid = jwt.getHeader().getKeyID();
		Instant now = this.clock.instant();
		JWKSet current = this.keys;
		boolean stale = current == null || now.isAfter(this.fetchedAt.plus(this.maxAge));
		boolean unknownKid = current != null && kid != null && current.getKeyByKeyId(kid) == null;
		boolean mayRefresh = now.isAfter(this.attemptedAt.plus(this.minRefreshInterval));
		if (current == null || (stale || unknownKid) && mayRefresh) {
			return refresh().onErrorResume(error -> {
				if (this.keys == null) {
					return Mono.error(new IllegalStateException(
							"the signing keys of " + this.issuer + " cannot be fetched: " + error.getMessage(), error));
				}
				return Mono.just(this.keys);
			}).flatMapMany(set -> select(set, kid));
		}
		return select(current, kid);
	}

	private static Flux<JWK> select(JWKSet set, String kid) {
		if (kid == null) {
			return Flux.fromIterable(set.getKeys());
		}
		JWK key = set.getKeyByKeyId(kid);
		return (key != null) ? Flux.just(key) : Flux.empty();
	}

	/** One fetch at a time; concurrent callers share it. */
	private synchronized Mono<JWKSet> refresh() {
		if (this.inFlight != null) {
			return this.inFlight;
		}
		this.attemptedAt = this.clock.instant();
		Mono<JWKSet> fetch = discover().flatMap(this::fetch).doOnNext(set -> {
			this.keys = set;
			this.fetchedAt = this.clock.instant();
		})
			.doOnError(error -> LOG.warn("Fetching the signing keys of " + this.issuer + " failed; "
					+ ((this.keys != null) ? "keeping the last ones fetched" : "no keys yet") + ": "
					+ error.getMessage()))
			.doFinally(signal -> clearInFlight())
			.cache();
		this.inFlight = fetch;
		return fetch;
	}

	private synchronized void clearInFlight() {
		this.inFlight = null;
	}

	private Mono<String> discover() {
		String url = this.issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
		return get(url).map(body -> {
			JsonNode document = JSON.readTree(body);
			JsonNode jwksUri = (document != null) ? document.get("jwks_uri") : null;
			JsonNode declaredIssuer = (document != null) ? document.get("issuer") : null;
			if (jwksUri == null || !jwksUri.isString()) {
				throw new IllegalStateException(url + " has no jwks_uri");
			}
			if (declaredIssuer != null && !this.issuer.equals(declaredIssuer.asString())) {
				throw new IllegalStateException(
						url + " declares issuer " + declaredIssuer.asString() + ", not " + this.issuer);
			}
			return jwksUri.asString();
		});
	}

	private Mono<JWKSet> fetch(String jwksUri) {
		return get(jwksUri).map(body -> {
			try {
				JWKSet set = JWKSet.parse(body);
				// Only public keys: a JWKS that leaks private material is still used only
				// for verification.
				return set.toPublicJWKSet();
			}
			catch (ParseException ex) {
				throw new IllegalStateException(jwksUri + " is not a JWK set: " + ex.getMessage());
			}
		});
	}

	private Mono<String> get(String url) {
		return this.http.get().uri(url).responseSingle((response, body) -> {
			if (response.status().code() != 200) {
				return Mono.error(new IllegalStateException(url + " answered " + response.status().code()));
			}
			return body.asString();
		})
			.flatMap(text -> (text.length() > MAX_JWKS_BYTES)
					? Mono.<String>error(
							new IllegalStateException(url + " answered more than " + MAX_JWKS_BYTES + " bytes"))
					: Mono.just(text))
			.timeout(this.timeout);
	}

	Map<String, Object> describe() {
		return Map.of("issuer", this.issuer, "keys", (this.keys != null) ? this.keys.getKeys().size() : 0, "fetchedAt",
				this.fetchedAt.toString());
	}

	List<String> keyIds() {
		JWKSet current = this.keys;
		return (current == null) ? List.of() : current.getKeys().stream().map(JWK::getKeyID).toList();
	}

}
