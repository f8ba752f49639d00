package dev.turnpike.authorizer.builtin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.turnpike.authorizer.AuthorizerServiceApplication;
import dev.turnpike.test.backend.TestBackend;
import dev.turnpike.test.process.JarProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in authorizers through the real gateway (its packaged jar, as its own
 * process) calling this service over the Lambda Invoke API: token introspection against a
 * real OAuth2 server (mock-oauth2-server), signed requests, and static rules. Each answer
 * is checked at the client, and the backend counts what got through. The gateway signs
 * its invocations (SigV4) with the key pair this service is configured with; an unsigned
 * call to this service runs nothing.
 */
class BuiltinAuthorizersThroughGatewayIT {

	private static final String SIGNING_SECRET = "billing-shared-secret-0123456789abcdef";

	/**
	 * The key pair the gateway signs its invocations with, and this service checks them
	 * against.
	 */
	private static final String INVOKE_KEY_ID = "AKIDGATEWAYIT";

	private static final String INVOKE_SECRET = "gateway-invoke-secret-for-the-it-0123456789";

	private static final String API = """
			openapi: 3.0.1
			info: {title: Builtins, version: "1"}
			paths:
			  /introspected:
			    get:
			      security: [{introspection: []}]
			      x-amazon-apigateway-integration:
			        type: http_proxy
			        httpMethod: GET
			        uri: "${stageVariables.backend}/introspected"
			        requestParameters:
			          integration.request.header.X-Principal: context.authorizer.principalId
			          integration.request.header.X-Client: context.authorizer.client_id
			  /introspection-down:
			    get:
			      security: [{introspectionDown: []}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/down"}
			  /signed:
			    post:
			      security: [{signed: []}]
			      x-amazon-apigateway-integration:
			        type: http_proxy
			        httpMethod: POST
			        uri: "${stageVariables.backend}/signed"
			        requestParameters:
			          integration.request.header.X-Principal: context.authorizer.principalId
			          integration.request.header.X-Team: context.authorizer.team
			  /static:
			    get:
			      security: [{static: []}]
			      x-amazon-apigateway-integration:
			        type: http_proxy
			        httpMethod: GET
			        uri: "${stageVariables.backend}/static"
			        requestParameters:
			          integration.request.header.X-Principal: context.authorizer.principalId
			          integration.request.header.X-Tier: context.authorizer.tier
			components:
			  securitySchemes:
			    introspection:
			      type: apiKey
			      name: Authorization
			      in: header
			      x-amazon-apigateway-authtype: custom
			      x-amazon-apigateway-authorizer:
			        type: token
			        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:opaque-tokens/invocations
			        authorizerResultTtlInSeconds: 0
			    introspectionDown:
			      type: apiKey
			      name: Authorization
			      in: header
			      x-amazon-apigateway-authtype: custom
			      x-amazon-apigateway-authorizer:
			        type: token
			        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/idp-down/invocations
			        authorizerResultTtlInSeconds: 0
			    signed:
			      type: apiKey
			      name: Authorization
			      in: header
			      x-amazon-apigateway-authtype: custom
			      x-amazon-apigateway-authorizer:
			        type: request
			        identitySource: method.request.header.Authorization, method.request.header.X-Tpk-Date
			        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/service-calls/invocations
			        authorizerResultTtlInSeconds: 0
			    static:
			      type: apiKey
			      name: Authorization
			      in: header
			      x-amazon-apigateway-authtype: custom
			      x-amazon-apigateway-authorizer:
			        type: token
			        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/simple/invocations
			        authorizerResultTtlInSeconds: 300
			""";

	@TempDir
	static Path configDir;

	static MockOAuth2Server oidc;

	static TestBackend backend;

	static ConfigurableApplicationContext authorizers;

	static JarProcess gateway;

	static String gatewayUrl;

	static String authorizersUrl;

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void start() throws IOException {
		oidc = new MockOAuth2Server();
		oidc.start();
		backend = TestBackend.start();
		authorizers = new SpringApplicationBuilder(AuthorizerServiceApplication.class).run("--server.port=0",
				"--turnpike.functions.access-key-id=" + INVOKE_KEY_ID,
				"--turnpike.functions.secret-access-key=" + INVOKE_SECRET,
				"--turnpike.authorizers.introspection.opaque-tokens.introspection-uri=" + oidc.url("opaque/introspect"),
				"--turnpike.authorizers.introspection.opaque-tokens.client-id=gateway",
				"--turnpike.authorizers.introspection.opaque-tokens.client-secret=gateway-secret",
				"--turnpike.authorizers.introspection.opaque-tokens.required-scopes=orders/read",
				"--turnpike.authorizers.introspection.idp-down.introspection-uri=http://127.0.0.1:"
						+ JarProcess.freePort() + "/introspect",
				"--turnpike.authorizers.introspection.idp-down.client-id=gateway",
				"--turnpike.authorizers.introspection.idp-down.client-secret=gateway-secret",
				"--turnpike.authorizers.introspection.idp-down.timeout=500ms",
				"--turnpike.authorizers.signed-requests.service-calls.credentials.billing.secret=" + SIGNING_SECRET,
				"--turnpike.authorizers.signed-requests.service-calls.credentials.billing.principal=billing-service",
				"--turnpike.authorizers.signed-requests.service-calls.credentials.billing.context.team=billing",
				"--turnpike.authorizers.static-rules.simple.rules[0].token=alice-static-token-123",
				"--turnpike.authorizers.static-rules.simple.rules[0].principal=alice",
				"--turnpike.authorizers.static-rules.simple.rules[0].context.tier=gold",
				"--turnpike.authorizers.static-rules.simple.rules[1].token-sha256=" + sha256("bob-static-token-456"),
				"--turnpike.authorizers.static-rules.simple.rules[1].principal=bob",
				"--turnpike.authorizers.static-rules.simple.rules[2].token=mallory-static-token-789",
				"--turnpike.authorizers.static-rules.simple.rules[2].principal=mallory",
				"--turnpike.authorizers.static-rules.simple.rules[2].effect=Deny");
		authorizersUrl = "http://127.0.0.1:" + authorizers.getEnvironment().getProperty("local.server.port");

		Files.createDirectories(configDir.resolve("apis/builtins/stages"));
		Files.writeString(configDir.resolve("apis/builtins/openapi.yaml"), API);
		Files.writeString(configDir.resolve("apis/builtins/stages/prod.yaml"),
				"variables:\n  backend: \"" + backend.baseUrl() + "\"\n");
		Files.writeString(configDir.resolve("gateway.yaml"), "domains:\n  localhost:\n    builtins: builtins/prod\n");
		int port = JarProcess.freePort();
		int management = JarProcess.freePort();
		gateway = JarProcess.start("gateway", JarProcess.moduleJar("gateway-app"),
				List.of("--server.port=" + port, "--management.server.port=" + management,
						"--turnpike.config.location=" + configDir, "--turnpike.lambda.endpoint-url=" + authorizersUrl,
						"--turnpike.authorizers.lambda-timeout=5s", "--turnpike.lambda.access-key-id=" + INVOKE_KEY_ID,
						"--turnpike.lambda.secret-access-key=" + INVOKE_SECRET));
		gateway.awaitReady("http://127.0.0.1:" + management + "/actuator/health/readiness", Duration.ofSeconds(90));
		gatewayUrl = "http://localhost:" + port + "/builtins";
	}

	@AfterAll
	static void stop() {
		if (gateway != null) {
			gateway.close();
		}
		if (authorizers != null) {
			authorizers.close();
		}
		backend.close();
		oidc.shutdown();
	}

	@BeforeEach
	void reset() {
		backend.reset();
	}

	static String sha256(String value) {
		return HexFormat.of().formatHex(StaticRulesAuthorizer.sha256(value));
	}

	private static HttpResponse<String> send(String method, String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
			.timeout(Duration.ofSeconds(20))
			.method(method, HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::header);
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static HttpResponse<String> get(String path, String authorization) {
		return send("GET", path, (authorization != null) ? Map.of("Authorization", authorization) : Map.of());
	}

	private static void assertStatus(HttpResponse<String> response, int status, String message) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.body()).isEqualTo("{\"message\":\"" + message + "\"}");
	}

	// --- token introspection (RFC 7662) ---

	@Test
	void activeOpaqueTokenWithTheScopeIsAdmittedAsItsSubject() {
		String token = oidc
			.issueToken("opaque", "svc-orders", "orders-api",
					Map.of("scope", "orders/read orders/write", "client_id", "orders-client"))
			.serialize();

		HttpResponse<String> response = get("/introspected", "Bearer " + token);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(backend.lastRequest().header("X-Principal")).isEqualTo("svc-orders");
		assertThat(backend.lastRequest().header("X-Client")).isEqualTo("orders-client");
	}

	@Test
	void tokenTheServerDoesNotKnowIsUnauthorized() {
		assertStatus(get("/introspected", "Bearer not-a-token-the-server-issued"), 401, "Unauthorized");
		String valid = oidc.issueToken("opaque", "svc", "orders-api", Map.of("scope", "orders/read")).serialize();
		String tampered = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
		assertStatus(get("/introspected", "Bearer " + tampered), 401, "Unauthorized");
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void activeTokenWithoutTheRequiredScopeIsDenied() {
		String token = oidc.issueToken("opaque", "reader", "orders-api", Map.of("scope", "profile/read")).serialize();

		assertStatus(get("/introspected", "Bearer " + token), 403,
				"User is not authorized to access this resource with an explicit deny");
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void unreachableAuthorizationServerFailsClosed() {
		String token = oidc.issueToken("opaque", "svc", "orders-api", Map.of("scope", "orders/read")).serialize();

		HttpResponse<String> response = get("/introspection-down", "Bearer " + token);

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("AuthorizerConfigurationException");
		assertThat(backend.requestCount()).isZero();
	}

	// --- signed requests ---

	private static Map<String, String> signed(String keyId, String secret, String method, String path,
			Map<String, String> query, Instant at) {
		String date = SignedRequestAuthorizer.DATE.format(at);
		String host = URI.create(gatewayUrl).getHost() + ":" + URI.create(gatewayUrl).getPort();
		Map<String, String> toSign = new LinkedHashMap<>();
		toSign.put("Host", host);
		toSign.put("X-Tpk-Date", date);
		String authorization = SignedRequestAuthorizer.sign(keyId, secret, method, path, query, toSign);
		return Map.of("Authorization", authorization, "X-Tpk-Date", date);
	}

	@Test
	void correctlySignedRequestIsAdmittedAsTheCredentialsPrincipal() {
		Map<String, String> headers = signed("billing", SIGNING_SECRET, "POST", "/builtins/signed",
				Map.of("invoice", "42", "note", "a b/c"), Instant.now());

		HttpResponse<String> response = send("POST", "/signed?invoice=42&note=a%20b%2Fc", headers);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(backend.lastRequest().header("X-Principal")).isEqualTo("billing-service");
		assertThat(backend.lastRequest().header("X-Team")).isEqualTo("billing");
	}

	@Test
	void wrongSecretTamperedQueryUnknownKeyAndStaleDateAreUnauthorized() {
		Map<String, String> query = Map.of("invoice", "42");
		assertStatus(send("POST", "/signed?invoice=42", signed("billing", "some-other-secret-0123456789abcdefgh",
				"POST", "/builtins/signed", query, Instant.now())), 401, "Unauthorized");
		assertStatus(
				send("POST", "/signed?invoice=43",
						signed("billing", SIGNING_SECRET, "POST", "/builtins/signed", query, Instant.now())),
				401, "Unauthorized");
		assertStatus(
				send("POST", "/signed?invoice=42",
						signed("payroll", SIGNING_SECRET, "POST", "/builtins/signed", query, Instant.now())),
				401, "Unauthorized");
		assertStatus(send("POST", "/signed?invoice=42", signed("billing", SIGNING_SECRET, "POST", "/builtins/signed",
				query, Instant.now().minus(Duration.ofMinutes(10)))), 401, "Unauthorized");
		assertStatus(
				send("POST", "/signed?invoice=42",
						Map.of("Authorization", "Bearer whatever", "X-Tpk-Date", "20261123T000000Z")),
				401, "Unauthorized");
		assertThat(backend.requestCount()).isZero();
	}

	// --- the Invoke API itself ---

	@Test
	void invokeApiCalledDirectlyWithoutASignatureRunsNothing() throws Exception {
		HttpResponse<String> response = HTTP
			.send(HttpRequest.newBuilder(URI.create(authorizersUrl + "/2015-03-31/functions/simple/invocations"))
				.timeout(Duration.ofSeconds(10))
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"type\":\"TOKEN\",\"authorizationToken\":\"alice-static-token-123\","
							+ "\"methodArn\":\"arn:aws:execute-api:us-east-1:000000000000:builtins/prod/GET/static\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
		assertThat(response.body()).doesNotContain("alice", "Allow");
	}

	// --- static rules ---

	@Test
	void staticTokensMapToTheirPrincipalAndContext() {
		assertThat(get("/static", "Bearer alice-static-token-123").statusCode()).isEqualTo(200);
		assertThat(backend.lastRequest().header("X-Principal")).isEqualTo("alice");
		assertThat(backend.lastRequest().header("X-Tier")).isEqualTo("gold");
		assertThat(get("/static", "bob-static-token-456").statusCode()).isEqualTo(200);
		assertThat(backend.lastRequest().header("X-Principal")).isEqualTo("bob");
	}

	@Test
	void denyRuleIsForbiddenAndUnknownTokenUnauthorized() {
		assertStatus(get("/static", "mallory-static-token-789"), 403,
				"User is not authorized to access this resource with an explicit deny");
		assertStatus(get("/static", "Bearer guessed-token"), 401, "Unauthorized");
		assertStatus(get("/static", null), 401, "Unauthorized");
		assertThat(backend.requestCount()).isZero();
	}

}
