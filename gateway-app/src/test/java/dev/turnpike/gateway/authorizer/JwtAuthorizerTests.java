package dev.turnpike.gateway.authorizer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.web.reactive.server.WebTestClient;

import dev.turnpike.gateway.support.MutableClock;
import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.backend.TestBackend;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JWT and Cognito authorizers against a real OIDC provider running in the test
 * (mock-oauth2-server issues real RS256 tokens and serves discovery and JWKS): each kind
 * of bad token gets the right status and never reaches the backend (which counts calls).
 */
class JwtAuthorizerTests {

	private static final String POOL = "us-east-1_TestPool";

	private static final String API = """
			openapi: 3.0.1
			info: {title: Jwt, version: "1"}
			paths:
			  /orders:
			    get:
			      security: [{jwt: []}]
			      x-amazon-apigateway-integration:
			        type: http_proxy
			        httpMethod: GET
			        uri: "${stageVariables.backend}/orders"
			        requestParameters:
			          integration.request.header.X-Subject: context.authorizer.claims.sub
			          integration.request.header.X-Role: context.authorizer.claims.role
			  /orders/admin:
			    get:
			      security: [{jwt: ["orders/admin"]}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/admin"}
			  /profile:
			    get:
			      security: [{cognito: []}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/profile"}
			  /profile/orders:
			    get:
			      security: [{cognito: ["orders/read"]}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/profile/orders"}
			  /rotating:
			    get:
			      security: [{rotating: []}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/rotating"}
			components:
			  securitySchemes:
			    jwt:
			      type: oauth2
			      x-amazon-apigateway-authorizer:
			        type: jwt
			        identitySource: $request.header.Authorization
			        jwtConfiguration:
			          issuer: %1$s
			          audience: [orders-api]
			    cognito:
			      type: apiKey
			      name: Authorization
			      in: header
			      x-amazon-apigateway-authtype: cognito_user_pools
			      x-amazon-apigateway-authorizer:
			        type: cognito_user_pools
			        providerARNs: [arn:aws:cognito-idp:us-east-1:123456789012:userpool/%2$s]
			    rotating:
			      type: oauth2
			      x-amazon-apigateway-authorizer:
			        type: jwt
			        jwtConfiguration:
			          issuer: %3$s
			          audience: [rotating-api]
			""";

	@TempDir
	static Path configDir;

	static MockOAuth2Server oidc;

	static TestIdentityProvider idp;

	static RSAKey firstKey = TestIdentityProvider.newKey("key-1");

	static TestBackend backend;

	static MutableClock clock = new MutableClock(Instant.now());

	static RunningGateway gateway;

	static String issuer;

	@BeforeAll
	static void start() {
		oidc = new MockOAuth2Server();
		oidc.start();
		issuer = oidc.issuerUrl("orders").toString();
		idp = TestIdentityProvider.start();
		idp.publish(firstKey);
		backend = TestBackend.start();
		String cognitoTemplate = oidc.issuerUrl("x").toString().replaceAll("/x$", "/{userPoolId}");
		TestConfigRepo.in(configDir)
			.api("jwt", API.formatted(issuer, POOL, idp.issuer()))
			.stage("jwt", "prod", Map.of("backend", backend.baseUrl()));
		gateway = RunningGateway.start(configDir, clock, "turnpike.authorizers.cognito-issuer=" + cognitoTemplate,
				"turnpike.authorizers.jwks-min-refresh-interval=1s",
				"logging.level.dev.turnpike.gateway.authorizer=DEBUG");
	}

	@AfterAll
	static void stop() {
		gateway.close();
		backend.close();
		oidc.shutdown();
		idp.close();
	}

	@BeforeEach
	void reset() {
		backend.reset();
		clock.set(Instant.now());
	}

	private static String token(String issuerId, String audience, Map<String, Object> claims) {
		return oidc.issueToken(issuerId, "alice", audience, claims, 3600).serialize();
	}

	private static WebTestClient.ResponseSpec get(String path, String authorization) {
		WebTestClient.RequestHeadersSpec<?> request = gateway.api("jwt").get().uri(path);
		if (authorization != null) {
			request = request.header("Authorization", authorization);
		}
		return request.exchange();
	}

	private static void expectUnauthorized(String path, String authorization) {
		get(path, authorization).expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "UnauthorizedException")
			.expectHeader()
			.value("WWW-Authenticate", value -> assertThat(value).startsWith("Bearer"))
			.expectBody()
			.json("{\"message\":\"Unauthorized\"}", true);
	}

	@Test
	void validTokenIsAdmittedWithClaimsForTheBackend() {
		String token = token("orders", "orders-api", Map.of("role", "buyer"));
		get("/prod/orders", "Bearer " + token).expectStatus().isOk();
		assertThat(backend.lastRequest().header("X-Subject")).isEqualTo("alice");
		assertThat(backend.lastRequest().header("X-Role")).isEqualTo("buyer");
		// a raw token, without "Bearer ", works too
		get("/prod/orders", token).expectStatus().isOk();
	}

	@Test
	void missingExpiredNotYetValidWrongIssuerAndWrongAudienceTokensAre401() {
		expectUnauthorized("/prod/orders", null);
		String token = token("orders", "orders-api", Map.of());

		clock.set(Instant.now().plus(Duration.ofHours(2)));
		expectUnauthorized("/prod/orders", "Bearer " + token);

		clock.set(Instant.now().minus(Duration.ofMinutes(10)));
		expectUnauthorized("/prod/orders", "Bearer " + token);

		clock.set(Instant.now());
		expectUnauthorized("/prod/orders", "Bearer " + token("someone-else", "orders-api", Map.of()));
		expectUnauthorized("/prod/orders", "Bearer " + token("orders", "another-api", Map.of()));
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void accessTokenWithoutAudienceIsAcceptedByItsClientId() {
		// mock-oauth2-server always sets aud, so this token comes from the hand-rolled
		// issuer
		Instant expires = Instant.now().plusSeconds(600);
		get("/prod/rotating",
				"Bearer " + idp.token(firstKey, "svc", null, expires, Map.of("client_id", "rotating-api")))
			.expectStatus()
			.isOk();
		expectUnauthorized("/prod/rotating",
				"Bearer " + idp.token(firstKey, "svc", null, expires, Map.of("client_id", "other-api")));
		expectUnauthorized("/prod/rotating", "Bearer " + idp.token(firstKey, "svc", null, expires, Map.of()));
	}

	@Test
	void missingScopeIs403InsufficientScopeAndPresentScopeAdmits() {
		get("/prod/orders/admin", "Bearer " + token("orders", "orders-api", Map.of("scope", "orders/read")))
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.value("WWW-Authenticate", value -> assertThat(value).contains("error=\"insufficient_scope\""))
			.expectBody()
			.json("{\"message\":\"Forbidden\"}", true);
		get("/prod/orders/admin",
				"Bearer " + token("orders", "orders-api", Map.of("scope", "orders/read orders/admin")))
			.expectStatus()
			.isOk();
		assertThat(backend.requestCount()).isEqualTo(1);
	}

	@Test
	void unsignedTamperedAndHmacConfusedTokensAre401() throws Exception {
		String valid = token("orders", "orders-api", Map.of("role", "buyer"));
		String[] parts = valid.split("\\.");
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

		String unsigned = encoder.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1]
				+ ".";
		expectUnauthorized("/prod/orders", "Bearer " + unsigned);

		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("buyer",
				"admin");
		String tampered = parts[0] + "." + encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];
		expectUnauthorized("/prod/orders", "Bearer " + tampered);

		// HS256 "signed" with the issuer's public key: the classic algorithm confusion
		// attack
		RSAKey publicKey = (RSAKey) JWKSet.load(new java.net.URI(oidc.jwksUrl("orders").toString()).toURL())
			.getKeys()
			.get(0);
		SignedJWT confused = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(publicKey.getKeyID()).build(),
				JWTClaimsSet.parse(payload));
		byte[] secret = publicKey.toRSAPublicKey().getEncoded();
		confused.sign(new MACSigner(java.util.Arrays.copyOf(secret, Math.max(32, secret.length))));
		expectUnauthorized("/prod/orders", "Bearer " + confused.serialize());

		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void repeatedTokenIsVerifiedOnce() {
		String token = token("orders", "orders-api", Map.of());
		double before = verifications();
		for (int i = 0; i < 5; i++) {
			get("/prod/orders", "Bearer " + token).expectStatus().isOk();
		}
		assertThat(verifications() - before).isEqualTo(1.0);
	}

	private static double verifications() {
		String metrics = gateway.management()
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		for (String line : metrics.split("\n")) {
			if (line.startsWith("turnpike_authorizer_calls_total{type=\"jwt\"}")) {
				return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return 0;
	}

	@Test
	void cognitoAuthorizerChecksTokenUseAndScopesAgainstTheUserPool() {
		get("/prod/profile", "Bearer " + token(POOL, "app-client", Map.of("token_use", "id"))).expectStatus().isOk();
		expectUnauthorized("/prod/profile", "Bearer " + token(POOL, "app-client", Map.of()));
		expectUnauthorized("/prod/profile", "Bearer " + token("orders", "app-client", Map.of("token_use", "id")));
		// with scopes, only an access token carrying one of them will do (AWS answers
		// 401, not 403)
		expectUnauthorized("/prod/profile/orders", "Bearer " + token(POOL, "app-client", Map.of("token_use", "id")));
		expectUnauthorized("/prod/profile/orders",
				"Bearer " + token(POOL, "app-client", Map.of("token_use", "access", "scope", "profile/read")));
		get("/prod/profile/orders",
				"Bearer " + token(POOL, "app-client", Map.of("token_use", "access", "scope", "orders/read")))
			.expectStatus()
			.isOk();
	}

	@Test
	void rotatedKeysAreFetchedOnceAndUnknownKeyIdsCannotFloodTheIssuer() {
		get("/prod/rotating", "Bearer " + idp.token(firstKey, "bob", "rotating-api", Instant.now().plusSeconds(600)))
			.expectStatus()
			.isOk();
		int fetches = idp.jwksFetches();

		RSAKey secondKey = TestIdentityProvider.newKey("key-2");
		idp.publish(firstKey, secondKey);
		clock.advance(Duration.ofSeconds(31));
		get("/prod/rotating", "Bearer " + idp.token(secondKey, "bob", "rotating-api", Instant.now().plusSeconds(600)))
			.expectStatus()
			.isOk();
		assertThat(idp.jwksFetches()).isEqualTo(fetches + 1);

		for (int i = 0; i < 10; i++) {
			RSAKey stranger = TestIdentityProvider.newKey("made-up-" + i);
			expectUnauthorized("/prod/rotating",
					"Bearer " + idp.token(stranger, "eve", "rotating-api", Instant.now().plusSeconds(600)));
		}
		assertThat(idp.jwksFetches()).as("no refetch within the minimum refresh interval").isEqualTo(fetches + 1);

		clock.advance(Duration.ofSeconds(31));
		expectUnauthorized("/prod/rotating", "Bearer " + idp.token(TestIdentityProvider.newKey("made-up-late"), "eve",
				"rotating-api", Instant.now().plusSeconds(600)));
		assertThat(idp.jwksFetches()).as("one refetch once the interval has passed").isEqualTo(fetches + 2);
	}

	@Test
	void lastKnownKeysKeepWorkingWhileTheIssuerIsDown() {
		MockOAuth2Server flaky = new MockOAuth2Server();
		flaky.start();
		try {
			String flakyIssuer = flaky.issuerUrl("flaky").toString();
			TestConfigRepo repo = TestConfigRepo.in(configDir);
			// served alongside the others by a second API whose authorizer trusts the
			// flaky issuer
			repo.api("flakyapi", """
					openapi: 3.0.1
					info: {title: Flaky, version: "1"}
					paths:
					  /data:
					    get:
					      security: [{jwt: []}]
					      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "%s/data"}
					components:
					  securitySchemes:
					    jwt:
					      type: oauth2
					      x-amazon-apigateway-authorizer:
					        type: jwt
					        jwtConfiguration: {issuer: %s, audience: [data-api]}
					""".formatted(backend.baseUrl(), flakyIssuer)).stage("flakyapi", "prod", Map.of());
			String first = flaky.issueToken("flaky", "carol", "data-api", Map.of(), 4 * 3600).serialize();
			String second = flaky.issueToken("flaky", "dave", "data-api", Map.of(), 4 * 3600).serialize();
			awaitStatus("flakyapi", "/prod/data", first, 200);

			flaky.shutdown();
			// three hours on, the keys are older than their maximum age (2 h) and the
			// issuer is gone:
			// the refetch fails and the last keys fetched still verify
			clock.set(Instant.now().plus(Duration.ofHours(3)));
			gateway.api("flakyapi")
				.get()
				.uri("/prod/data")
				.header("Authorization", "Bearer " + second)
				.exchange()
				.expectStatus()
				.isOk();
		}
		finally {
			flaky.shutdown();
		}
	}

	private static void awaitStatus(String api, String path, String token, int status) {
		long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		int last = 0;
		while (System.nanoTime() < deadline) {
			last = gateway.api(api)
				.get()
				.uri(path)
				.header("Authorization", "Bearer " + token)
				.exchange()
				.expectBody()
				.returnResult()
				.getStatus()
				.value();
			if (last == status) {
				return;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		throw new AssertionError("expected " + status + " but the gateway kept answering " + last);
	}

}
