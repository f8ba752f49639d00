package dev.turnpike.gateway.httpapi;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.reactive.server.WebTestClient;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.lambda.TestLambdaServer;
import dev.turnpike.test.lambda.TestLambdaServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP API's authorizers over real HTTP: a Lambda REQUEST authorizer with payload 2.0
 * and simple responses (allow, deny, cache keyed by the identity sources, malformed
 * answers), one with payload 1.0 and an IAM policy, and a JWT authorizer with route
 * scopes against a real OIDC provider; the events read back with
 * {@code aws-lambda-java-events}' types, the answers as HTTP APIs give them.
 */
class HttpApiAuthorizerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String FN = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
			+ "arn:aws:lambda:us-east-1:123456789012:function:%s/invocations";

	private static final String API = """
			openapi: "3.0.1"
			info: {title: guarded, version: "1"}
			x-amazon-apigateway-importexport-version: "1.0"
			paths:
			  /things/{id}:
			    get:
			      security: [{simple: []}]
			      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: "%1$s", payloadFormatVersion: "2.0"}
			  /legacy:
			    get:
			      security: [{policy: []}]
			      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: "%1$s", payloadFormatVersion: "2.0"}
			  /orders:
			    get:
			      security: [{jwt: []}]
			      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: "%1$s"}
			  /orders/admin:
			    get:
			      security: [{jwt: ["orders/admin"]}]
			      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: "%1$s"}
			components:
			  securitySchemes:
			    simple:
			      type: apiKey
			      name: X-Token
			      in: header
			      x-amazon-apigateway-authorizer:
			        type: request
			        identitySource: $request.header.X-Token, $request.querystring.tenant
			        authorizerUri: "%2$s"
			        authorizerPayloadFormatVersion: "2.0"
			        enableSimpleResponses: true
			        authorizerResultTtlInSeconds: 300
			    policy:
			      type: apiKey
			      name: X-Token
			      in: header
			      x-amazon-apigateway-authorizer:
			        type: request
			        identitySource: $request.header.X-Token
			        authorizerUri: "%3$s"
			        authorizerPayloadFormatVersion: "1.0"
			        authorizerResultTtlInSeconds: 0
			    jwt:
			      type: oauth2
			      x-amazon-apigateway-authorizer:
			        type: jwt
			        identitySource: $request.header.Authorization
			        jwtConfiguration:
			          issuer: "%4$s"
			          audience: [orders-api]
			""";

	@TempDir
	static Path configDir;

	static TestLambdaServer lambda;

	static MockOAuth2Server oidc;

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		lambda = TestLambdaServer.start();
		lambda.function("app", event -> Reply.json("{\"ok\":true}"))
			.function("simple", HttpApiAuthorizerTests::simpleAnswer)
			.function("policy",
					event -> Reply.json("{\"principalId\":\"bob\",\"policyDocument\":{\"Version\":"
							+ "\"2012-10-17\",\"Statement\":[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\","
							+ "\"Resource\":\"*\"}]},\"context\":{\"team\":\"blue\"}}"));
		oidc = new MockOAuth2Server();
		oidc.start();
		TestConfigRepo.in(configDir)
			.api("guarded",
					API.formatted(FN.formatted("app"), FN.formatted("simple"), FN.formatted("policy"),
							oidc.issuerUrl("orders")))
			.stage("guarded", "$default", Map.of());
		gateway = RunningGateway.start(configDir, "turnpike.lambda.endpoint-url=" + lambda.endpoint(),
				"turnpike.aws.account-id=123456789012");
	}

	@AfterAll
	static void stop() {
		gateway.close();
		lambda.close();
		oidc.shutdown();
	}

	@BeforeEach
	void reset() {
		lambda.reset();
		gateway.context().getBean(dev.turnpike.gateway.authorizer.LambdaAuthorizer.class).invalidateAll();
	}

	/**
	 * Allows the token "let-me-in", denies others, and answers "garbage" with no
	 * isAuthorized.
	 */
	static Reply simpleAnswer(byte[] event) {
		JsonNode identity = JSON.readTree(event).get("identitySource");
		String token = identity.get(0).asString();
		return switch (token) {
			case "let-me-in" -> Reply.json("{\"isAuthorized\":true,\"context\":{\"tier\":\"gold\",\"seats\":3}}");
			case "garbage" -> Reply.json("{\"authorized\":true}");
			default -> Reply.json("{\"isAuthorized\":false}");
		};
	}

	private static WebTestClient.ResponseSpec get(String path, String token) {
		WebTestClient.RequestHeadersSpec<?> request = gateway.api("guarded").get().uri(path);
		return (token != null) ? request.header("X-Token", token).exchange() : request.exchange();
	}

	private static <T> T read(Class<T> type, byte[] event) {
		PojoSerializer<T> serializer = LambdaEventSerializers.serializerFor(type,
				HttpApiAuthorizerTests.class.getClassLoader());
		return serializer.fromJson(new ByteArrayInputStream(event));
	}

	@Test
	void aSimpleResponseAllowsAndItsContextReachesTheIntegration() {
		get("/things/7?tenant=acme", "let-me-in").expectStatus().isOk().expectBody().json("{\"ok\":true}", true);

		APIGatewayV2CustomAuthorizerEvent asked = read(APIGatewayV2CustomAuthorizerEvent.class,
				lambda.invocations("simple").get(0));
		assertThat(asked.getVersion()).isEqualTo("2.0");
		assertThat(asked.getType()).isEqualTo("REQUEST");
		assertThat(asked.getIdentitySource()).containsExactly("let-me-in", "acme");
		assertThat(asked.getRouteKey()).isEqualTo("GET /things/{id}");
		assertThat(asked.getRouteArn())
			.isEqualTo("arn:aws:execute-api:us-east-1:123456789012:guarded/$default/GET/things/7");
		assertThat(asked.getPathParameters()).containsEntry("id", "7");
		assertThat(asked.getHeaders()).containsEntry("x-token", "let-me-in");

		APIGatewayV2HTTPEvent event = read(APIGatewayV2HTTPEvent.class, lambda.invocations("app").get(0));
		assertThat(event.getRequestContext().getAuthorizer().getLambda()).containsEntry("tier", "gold")
			.containsEntry("seats", "3");
	}

	@Test
	void aSimpleResponseThatDeniesIs403ForbiddenAndTheIntegrationIsNotCalled() {
		get("/things/7?tenant=acme", "wrong").expectStatus()
			.isForbidden()
			.expectHeader()
			.exists("apigw-requestid")
			.expectBody()
			.json("{\"message\":\"Forbidden\"}", true);
		assertThat(lambda.invocationCount("app")).isZero();
	}

	@Test
	void decisionsAreCachedByTheIdentitySourcesForEveryRoute() {
		get("/things/1?tenant=acme", "let-me-in").expectStatus().isOk();
		get("/things/2?tenant=acme", "let-me-in").expectStatus().isOk();
		assertThat(lambda.invocationCount("simple")).isEqualTo(1);

		get("/things/1?tenant=other", "let-me-in").expectStatus().isOk();
		assertThat(lambda.invocationCount("simple")).isEqualTo(2);

		get("/things/1?tenant=acme", "wrong").expectStatus().isForbidden();
		get("/things/1?tenant=acme", "wrong").expectStatus().isForbidden();
		assertThat(lambda.invocationCount("simple")).isEqualTo(3);
	}

	@Test
	void aMissingIdentitySourceIs401WithoutAskingTheFunction() {
		get("/things/1", "let-me-in").expectStatus()
			.isUnauthorized()
			.expectBody()
			.json("{\"message\":\"Unauthorized\"}", true);
		get("/things/1?tenant=acme", null).expectStatus().isUnauthorized();
		assertThat(lambda.invocationCount("simple")).isZero();
		assertThat(lambda.invocationCount("app")).isZero();
	}

	@Test
	void aMalformedSimpleResponseIs500AndNeverAllows() {
		get("/things/1?tenant=acme", "garbage").expectStatus()
			.isEqualTo(500)
			.expectBody()
			.json("{\"message\":\"Internal Server Error\"}", true);
		assertThat(lambda.invocationCount("app")).isZero();
	}

	@Test
	void aPayload10AuthorizerGetsTheHttpApiVersionOfTheRestEvent() throws Exception {
		get("/legacy", "v-1").expectStatus().isOk();

		JsonNode asked = JSON.readTree(lambda.invocations("policy").get(0));
		assertThat(asked.get("version").asString()).isEqualTo("1.0");
		assertThat(asked.get("type").asString()).isEqualTo("REQUEST");
		assertThat(asked.get("identitySource").asString()).isEqualTo("v-1");
		assertThat(asked.get("authorizationToken").asString()).isEqualTo("v-1");
		APIGatewayV2HTTPEvent event = read(APIGatewayV2HTTPEvent.class, lambda.invocations("app").get(0));
		assertThat(event.getRequestContext().getAuthorizer().getLambda()).containsEntry("team", "blue")
			.containsEntry("principalId", "bob");
	}

	@Test
	void scopesInAnScpListAreReadToo() {
		String token = oidc
			.issueToken("orders", "dave", "orders-api", Map.of("scp", List.of("orders/read", "orders/admin")), 3600)
			.serialize();
		gateway.api("guarded")
			.get()
			.uri("/orders/admin")
			.header("Authorization", "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk();
		APIGatewayV2HTTPEvent event = read(APIGatewayV2HTTPEvent.class, lambda.invocations("app").get(0));
		assertThat(event.getRequestContext().getAuthorizer().getJwt().getScopes())
			.isEqualTo(List.of("orders/read", "orders/admin"));
	}

	@Test
	void aJwtRouteChecksItsScopesAndPassesClaimsAndScopesToTheIntegration() {
		String reader = oidc.issueToken("orders", "alice", "orders-api", Map.of("scope", "orders/read"), 3600)
			.serialize();
		String admin = oidc
			.issueToken("orders", "carol", "orders-api", Map.of("scope", "orders/read orders/admin"), 3600)
			.serialize();

		gateway.api("guarded")
			.get()
			.uri("/orders/admin")
			.header("Authorization", "Bearer " + reader)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.json("{\"message\":\"Forbidden\"}", true);
		gateway.api("guarded").get().uri("/orders").exchange().expectStatus().isUnauthorized();
		assertThat(lambda.invocationCount("app")).isZero();

		gateway.api("guarded")
			.get()
			.uri("/orders/admin")
			.header("Authorization", "Bearer " + admin)
			.exchange()
			.expectStatus()
			.isOk();
		APIGatewayV2HTTPEvent event = read(APIGatewayV2HTTPEvent.class, lambda.invocations("app").get(0));
		assertThat(event.getRequestContext().getAuthorizer().getJwt().getClaims()).containsEntry("sub", "carol");
		assertThat(event.getRequestContext().getAuthorizer().getJwt().getScopes())
			.isEqualTo(List.of("orders/read", "orders/admin"));
	}

}
