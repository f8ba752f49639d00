package dev.turnpike.gateway.hardening;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.IntFunction;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * A real OIDC issuer (mock-oauth2-server: discovery and JWKS over HTTP) whose signing key
 * the test holds, so it can mint every kind of bad token with exact claims: expired, not
 * yet valid, wrong issuer or audience, forged, unsigned, HMAC-signed with the public key,
 * or not a JWT at all.
 */
final class HostileTokens implements AutoCloseable {

	private static final String ISSUER_ID = "fortress";

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final KeyProvider keys = new KeyProvider();

	private final MockOAuth2Server server = new MockOAuth2Server(
			new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(this.keys)));

	private final RSAKey signingKey;

	/** An attacker's key under the issuer's key id. */
	private final RSAKey forgerKey;

	HostileTokens() {
		this.server.start();
		this.signingKey = (RSAKey) this.keys.signingKey(ISSUER_ID);
		try {
			this.forgerKey = new RSAKeyGenerator(2048).keyID(this.signingKey.getKeyID()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String issuer() {
		return this.server.issuerUrl(ISSUER_ID).toString();
	}

	/** A token the gateway accepts (for control requests). */
	String valid(String subject) {
		return sign(this.signingKey, JWSAlgorithm.RS256,
				claims(subject, issuer(), FortressApi.AUDIENCE, Instant.now(), Duration.ofHours(1)));
	}

	/**
	 * The {@code Authorization} value of the n-th hostile token of each kind, by kind
	 * name; {@code null} means no header. Every kind varies with n, so no verdict cache
	 * can answer for the gateway.
	 */
	List<Kind> kinds() {
		return List.of(new Kind("missing", n -> null),
				new Kind("forged-signature", n -> bearer(sign(this.forgerKey, JWSAlgorithm.RS256, good(n)))),
				new Kind("tampered-claims", n -> bearer(tampered(n))),
				new Kind("expired",
						n -> bearer(sign(this.signingKey, JWSAlgorithm.RS256,
								claims("eve-" + n, issuer(), FortressApi.AUDIENCE,
										Instant.now().minus(Duration.ofHours(3)), Duration.ofHours(1))))),
				new Kind("not-yet-valid",
						n -> bearer(sign(this.signingKey, JWSAlgorithm.RS256,
								claims("eve-" + n, issuer(), FortressApi.AUDIENCE,
										Instant.now().plus(Duration.ofHours(1)), Duration.ofHours(1))))),
				new Kind("alg-none", n -> bearer(unsigned(n))),
				new Kind("hs256-with-public-key", n -> bearer(hmacWithPublicKey(n))),
				new Kind("wrong-issuer",
						n -> bearer(sign(this.signingKey, JWSAlgorithm.RS256,
								claims("eve-" + n, issuer() + "-evil", FortressApi.AUDIENCE, Instant.now(),
										Duration.ofHours(1))))),
				new Kind("wrong-audience",
						n -> bearer(sign(this.signingKey, JWSAlgorithm.RS256,
								claims("eve-" + n, issuer(), "another-api", Instant.now(), Duration.ofHours(1))))),
				new Kind("not-a-jwt", n -> switch (n % 6) {
					case 0 -> "Bearer";
					case 1 -> "Bearer eyJ" + n + ".e30.";
					case 2 -> "Basic ZXZlOnNlY3JldA==";
					case 3 -> "Bearer " + "A".repeat(6000 + n);
					case 4 -> "Bearer " + good(n).toString();
					default -> "Bearer a.b.c.d." + n;
				}), new Kind("kid-and-jku-tricks", n -> bearer(headerTricks(n))));
	}

	/** One kind of bad token: its name and its n-th value. */
	record Kind(String name, IntFunction<String> authorization) {

	}

	private JWTClaimsSet good(int n) {
		return claims("eve-" + n, issuer(), FortressApi.AUDIENCE, Instant.now(), Duration.ofHours(1));
	}

	private static JWTClaimsSet claims(String subject, String issuer, String audience, Instant issuedAt,
			Duration lifetime) {
		return new JWTClaimsSet.Builder().issuer(issuer)
			.subject(subject)
			.audience(audience)
			.issueTime(Date.from(issuedAt))
			.notBeforeTime(Date.from(issuedAt))
			.expirationTime(Date.from(issuedAt.plus(lifetime)))
			.claim("scope", "orders/read")
			.build();
	}

	private static String sign(RSAKey key, JWSAlgorithm algorithm, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A genuine token whose payload was swapped for another subject's, keeping the
	 * original signature.
	 */
	private String tampered(int n) {
		String[] parts = valid("eve-" + n).split("\\.");
		String payload = BASE64URL.encodeToString(good(n + 1_000_000).toString().getBytes(StandardCharsets.UTF_8));
		return parts[0] + "." + payload + "." + parts[2];
	}

	private String unsigned(int n) {
		String header = (n % 2 == 0) ? "{\"alg\":\"none\"}"
				: "{\"alg\":\"None\",\"kid\":\"" + this.signingKey.getKeyID() + "\"}";
		return BASE64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ BASE64URL.encodeToString(good(n).toString().getBytes(StandardCharsets.UTF_8)) + ".";
	}

	/**
	 * The classic algorithm confusion: HS256 keyed with the issuer's public key, which
	 * anyone can fetch.
	 */
	private String hmacWithPublicKey(int n) {
		try {
			byte[] publicKey = this.signingKey.toRSAPublicKey().getEncoded();
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(this.signingKey.getKeyID()).build(), good(n));
			jwt.sign(new MACSigner(Arrays.copyOf(publicKey, Math.max(32, publicKey.length))));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Signed by the attacker, with headers that try to steer key lookup: path-like key
	 * ids, a jku, an embedded jwk.
	 */
	private String headerTricks(int n) {
		try {
			JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256);
			switch (n % 3) {
				case 0 -> header.keyID("../../../../dev/null");
				case 1 -> header.keyID(this.signingKey.getKeyID())
					.jwkURL(java.net.URI.create("http://127.0.0.1:1/jwks.json"));
				default -> header.keyID(this.signingKey.getKeyID()).jwk(this.forgerKey.toPublicJWK());
			}
			SignedJWT jwt = new SignedJWT(header.build(), good(n));
			jwt.sign(new RSASSASigner(this.forgerKey));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

	@Override
	public void close() {
		this.server.shutdown();
	}

}
