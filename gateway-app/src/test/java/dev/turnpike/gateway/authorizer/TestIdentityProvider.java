package dev.turnpike.gateway.authorizer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OIDC issuer whose signing keys a test controls: discovery and JWKS over real HTTP,
 * keys rotated at will, JWKS fetches counted, and tokens signed with any of its keys. For
 * the key-rotation and IdP-outage cases that mock-oauth2-server's fixed keys cannot show.
 */
public final class TestIdentityProvider implements AutoCloseable {

	private final HttpServer server;

	private volatile JWKSet published;

	private final AtomicInteger jwksFetches = new AtomicInteger();

	private TestIdentityProvider(HttpServer server) {
		this.server = server;
	}

	public static TestIdentityProvider start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
			TestIdentityProvider idp = new TestIdentityProvider(server);
			server.createContext("/", idp::serve);
			server.start();
			return idp;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String issuer() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/idp";
	}

	public static RSAKey newKey(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Publishes exactly these keys (their public halves). */
	public void publish(RSAKey... keys) {
		this.published = new JWKSet(List.of(keys)).toPublicJWKSet();
	}

	public int jwksFetches() {
		return this.jwksFetches.get();
	}

	public String token(RSAKey key, String subject, String audience, Instant expires) {
		return token(key, subject, audience, expires, Map.of());
	}

	/**
	 * A token signed with {@code key}; without an {@code aud} claim when {@code audience}
	 * is null.
	 */
	public String token(RSAKey key, String subject, String audience, Instant expires, Map<String, Object> claims) {
		try {
			JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(issuer())
				.subject(subject)
				.issueTime(Date.from(Instant.now().minusSeconds(5)))
				.expirationTime(Date.from(expires));
			if (audience != null) {
				builder.audience(audience);
			}
			claims.forEach(builder::claim);
			JWTClaimsSet claimSet = builder.build();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claimSet);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void serve(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String body;
			if (path.equals("/idp/.well-known/openid-configuration")) {
				body = "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + issuer() + "/jwks\"}";
			}
			else if (path.equals("/idp/jwks")) {
				this.jwksFetches.incrementAndGet();
				body = com.nimbusds.jose.util.JSONObjectUtils.toJSONString(this.published.toJSONObject());
			}
			else {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
