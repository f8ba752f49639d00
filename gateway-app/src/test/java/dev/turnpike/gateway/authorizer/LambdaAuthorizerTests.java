package dev.turnpike.gateway.authorizer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
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
import dev.turnpike.test.backend.TestBackend;
import dev.turnpike.test.lambda.TestLambdaServer.Reply;
import dev.turnpike.test.lambda.TestLambdaServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda authorizers over real HTTP, the function served by a real Lambda-compatible
 * endpoint: the event contract (checked with AWS's own Lambda serializer), policy
 * decisions, cached decisions, and every failure mode.
 */
class LambdaAuthorizerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String API = """
			openapi: 3.0.1
			info: {title: Guarded, version: "1"}
			paths:
			  /pets:
			    get:
			      security: [{tokenAuth: []}]
			      x-amazon-apigateway-integration:
			        type: http_proxy
			        httpMethod: GET
			        uri: "${stageVariables.backend}/pets"
			        requestParameters:
			          integration.request.header.X-Principal: context.authorizer.principalId
			          integration.request.header.X-Tier: context.authorizer.tier
			          integration.request.header.X-Count: context.authorizer.count
			  /pets/{petId}:
			    get:
			      security: [{tokenAuth: []}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/pets/{petId}"}
			  /orders/{orderId}:
			    get:
			      security: [{requestAuth: []}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/orders"}
			  /live:
			    get:
			      security: [{uncachedAuth: []}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/live"}
			components:
			  securitySchemes:
			    tokenAuth:
			      type: apiKey
			      name: Authorization
			      in: header
			      x-amazon-apigateway-authtype: custom
			      x-amazon-apigateway-authorizer:
			        type: token
			        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:token-authorizer/invocations
			        identityValidationExpression: "^Bearer [a-z0-9-]+$"
			        authorizerResultTtlInSeconds: 300
			    requestAuth:
			      type: apiKey
			      name: Unused
			      in: header
			      x-amazon-apigateway-authorizer:
			        type: request
			        identitySource: method.request.header.X-User, method.request.querystring.tenant
			        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/request-authorizer/invocations
			        authorizerResultTtlInSeconds: 60
			    uncachedAuth:
			      type: apiKey
			      name: Authorization
			      in: header
			      x-amazon-apigateway-authorizer:
			        type: token
			        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${stageVariables.liveFunction}/invocations
			        authorizerResultTtlInSeconds: 0
			""";

	@TempDir
	static Path configDir;

	static TestBackend backend;

	static TestLambdaServer lambda;

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		backend = TestBackend.start();
		lambda = TestLambdaServer.start();
		lambda.function("token-authorizer", LambdaAuthorizerTests::tokenAuthorizer)
			.function("request-authorizer",
					event -> Reply.json(policy("user-" + field(event, "headers", "X-User"), "Allow",
							"arn:aws:execute-api:*:*:guarded/prod/GET/orders/*",
							"{\"tenant\":\"" + field(event, "queryStringParameters", "tenant") + "\"}")))
			.function("live-authorizer", event -> Reply.json(policy("live", "Allow", "*", "{}")));
		TestConfigRepo.in(configDir)
			.api("guarded", API)
			.stage("guarded", "prod", Map.of("backend", backend.baseUrl(), "liveFunction", "live-authorizer"));
		gateway = RunningGateway.start(configDir, "turnpike.lambda.endpoint-url=" + lambda.endpoint(),
				"turnpike.authorizers.lambda-timeout=1s", "turnpike.aws.account-id=123456789012");
	}

	@AfterAll
	static void stop() {
		gateway.close();
		lambda.close();
		backend.close();
	}

	@BeforeEach
	void reset() {
		backend.reset();
		lambda.reset();
	}

	/** The test's token authorizer: the token says what to decide. */
	static Reply tokenAuthorizer(byte[] event) {
		String token = field(event, "authorizationToken");
		String who = token.substring("Bearer ".length());
		return switch (who) {
			case "deny" ->
				Reply.json(policy(who, "Deny", "arn:aws:execute-api:us-east-1:123456789012:guarded/prod/*", "{}"));
			case "elsewhere" -> Reply.json(policy(who, "Allow", "arn:aws:execute-api:*:*:otherapi/*", "{}"));
			case "pets-only" -> Reply.json(policy(who, "Allow", "arn:aws:execute-api:*:*:guarded/prod/GET/pets", "{}"));
			case "crash" -> Reply.error("boom");
			case "unauthorized" -> Reply.error("Unauthorized");
			case "malformed" -> Reply.json("{\"policyDocument\":{}}");
			case "objects-in-context" -> Reply.json(policy(who, "Allow", "*", "{\"nested\":{\"a\":1}}"));
			case "slow" -> Reply.json(policy(who, "Allow", "*", "{}")).delayedBy(Duration.ofSeconds(3));
			default -> Reply.json(policy(who, "Allow", "arn:aws:execute-api:us-east-1:123456789012:guarded/prod/GET/*",
					"{\"tier\":\"gold\",\"count\":3,\"flag\":true}"));
		};
	}

	static String policy(String principal, String effect, String resource, String context) {
		return "{\"principalId\":\"" + principal + "\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{"
				+ "\"Action\":\"execute-api:Invoke\",\"Effect\":\"" + effect + "\",\"Resource\":\"" + resource
				+ "\"}]}," + "\"context\":" + context + "}";
	}

	static String field(byte[] event, String... path) {
		JsonNode node = JSON.readTree(event);
		for (String name : path) {
			node = (node != null) ? node.get(name) : null;
		}
		return (node != null) ? node.asString() : null;
	}

	private static WebTestClient.ResponseSpec get(String path, String authorization) {
		WebTestClient.RequestHeadersSpec<?> request = gateway.api("guarded").get().uri(path);
		if (authorization != null) {
			request = request.header("Authorization", authorization);
		}
		return request.exchange();
	}

	@Test
	void missingOrInvalidTokenIs401WithoutCallingTheFunction() {
		for (String authorization : new String[] { null, "", "Bearer UPPERCASE-fails-validation", "Basic abc" }) {
			get("/prod/pets", authorization).expectStatus()
				.isUnauthorized()
				.expectHeader()
				.valueEquals("x-amzn-ErrorType", "UnauthorizedException")
				.expectBody()
				.json("{\"message\":\"Unauthorized\"}", true);
		}
		assertThat(lambda.invocationCount("token-authorizer")).isZero();
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void allowedRequestReachesBackendWithPrincipalAndContext() {
		get("/prod/pets", "Bearer alice").expectStatus().isOk();

		assertThat(backend.lastRequest().header("X-Principal")).isEqualTo("alice");
		assertThat(backend.lastRequest().header("X-Tier")).isEqualTo("gold");
		assertThat(backend.lastRequest().header("X-Count")).isEqualTo("3");
	}

	@Test
	void explicitDenyAndImplicitDenyAre403AndNeverReachTheBackend() {
		get("/prod/pets", "Bearer deny").expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "AccessDeniedException")
			.expectBody()
			.json("{\"message\":\"User is not authorized to access this resource with an explicit deny\"}", true);
		get("/prod/pets", "Bearer elsewhere").expectStatus()
			.isForbidden()
			.expectBody()
			.json("{\"message\":\"User is not authorized to access this resource\"}", true);
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void decisionIsCachedPerTokenAndReusedAcrossMethodsThePolicyCovers() {
		for (int i = 0; i < 5; i++) {
			get("/prod/pets", "Bearer bob").expectStatus().isOk();
		}
		get("/prod/pets/7", "Bearer bob").expectStatus().isOk();
		assertThat(lambda.invocationCount("token-authorizer")).isEqualTo(1);

		get("/prod/pets", "Bearer carol").expectStatus().isOk();
		assertThat(lambda.invocationCount("token-authorizer")).isEqualTo(2);

		// a cached decision is re-evaluated per method: pets-only allows /pets but not
		// /pets/7
		get("/prod/pets", "Bearer pets-only").expectStatus().isOk();
		get("/prod/pets/7", "Bearer pets-only").expectStatus().isForbidden();
		assertThat(lambda.invocationCount("token-authorizer")).isEqualTo(3);
	}

	@Test
	void ttlZeroCallsTheFunctionForEveryRequest() {
		for (int i = 0; i < 3; i++) {
			get("/prod/live", "Bearer dave").expectStatus().isOk();
		}
		assertThat(lambda.invocationCount("live-authorizer")).isEqualTo(3);
	}

	@Test
	void requestAuthorizerIsKeyedByAllIdentitySourcesAndNeedsThemAll() {
		gateway.api("guarded")
			.get()
			.uri("/prod/orders/1?tenant=acme")
			.header("X-User", "erin")
			.exchange()
			.expectStatus()
			.isOk();
		gateway.api("guarded")
			.get()
			.uri("/prod/orders/2?tenant=acme")
			.header("X-User", "erin")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(lambda.invocationCount("request-authorizer")).isEqualTo(1);
		gateway.api("guarded")
			.get()
			.uri("/prod/orders/1?tenant=globex")
			.header("X-User", "erin")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(lambda.invocationCount("request-authorizer")).isEqualTo(2);

		gateway.api("guarded")
			.get()
			.uri("/prod/orders/1")
			.header("X-User", "erin")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		gateway.api("guarded").get().uri("/prod/orders/1?tenant=acme").exchange().expectStatus().isUnauthorized();
		assertThat(lambda.invocationCount("request-authorizer")).isEqualTo(2);
	}

	@Test
	void functionErrorsAndMalformedResponsesAre5xxOr401AsOnAws() {
		get("/prod/pets", "Bearer unauthorized").expectStatus()
			.isUnauthorized()
			.expectBody()
			.json("{\"message\":\"Unauthorized\"}", true);
		for (String token : new String[] { "Bearer crash", "Bearer malformed", "Bearer objects-in-context" }) {
			get("/prod/pets", token).expectStatus()
				.isEqualTo(500)
				.expectHeader()
				.valueEquals("x-amzn-ErrorType", "AuthorizerConfigurationException")
				.expectBody(String.class)
				.isEqualTo("{\"message\":null}");
		}
		long start = System.nanoTime();
		get("/prod/pets", "Bearer slow").expectStatus()
			.isEqualTo(500)
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "AuthorizerFailureException");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void tokenEventDeserializesIntoTheOfficialLambdaEventClass() {
		get("/prod/pets/42", "Bearer frank").expectStatus().isOk();

		APIGatewayCustomAuthorizerEvent event = deserialize(lambda.lastEvent("token-authorizer"));
		assertThat(event.getType()).isEqualTo("TOKEN");
		assertThat(event.getAuthorizationToken()).isEqualTo("Bearer frank");
		assertThat(event.getMethodArn())
			.isEqualTo("arn:aws:execute-api:us-east-1:123456789012:guarded/prod/GET/pets/42");
	}

	@Test
	void requestEventDeserializesIntoTheOfficialLambdaEventClassWithEveryField() {
		gateway.api("guarded")
			.get()
			.uri("/prod/orders/o-9?tenant=acme&tenant=initech")
			.header("X-User", "grace")
			.header("User-Agent", "turnpike-test")
			.exchange()
			.expectStatus()
			.isOk();

		APIGatewayCustomAuthorizerEvent event = deserialize(lambda.lastEvent("request-authorizer"));
		assertThat(event.getType()).isEqualTo("REQUEST");
		assertThat(event.getMethodArn())
			.isEqualTo("arn:aws:execute-api:us-east-1:123456789012:guarded/prod/GET/orders/o-9");
		assertThat(event.getResource()).isEqualTo("/orders/{orderId}");
		assertThat(event.getPath()).isEqualTo("/orders/o-9");
		assertThat(event.getHttpMethod()).isEqualTo("GET");
		assertThat(event.getHeaders()).containsEntry("X-User", "grace").containsEntry("User-Agent", "turnpike-test");
		assertThat(event.getQueryStringParameters()).containsEntry("tenant", "initech");
		assertThat(event.getPathParameters()).containsEntry("orderId", "o-9");
		assertThat(event.getStageVariables()).containsEntry("liveFunction", "live-authorizer");
		APIGatewayCustomAuthorizerEvent.RequestContext context = event.getRequestContext();
		assertThat(context.getPath()).isEqualTo("/prod/orders/o-9");
		assertThat(context.getAccountId()).isEqualTo("123456789012");
		assertThat(context.getResourceId()).hasSize(6);
		assertThat(context.getStage()).isEqualTo("prod");
		assertThat(context.getRequestId()).matches("[0-9a-f-]{36}");
		assertThat(context.getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
		assertThat(context.getResourcePath()).isEqualTo("/orders/{orderId}");
		assertThat(context.getHttpMethod()).isEqualTo("GET");
		assertThat(context.getApiId()).isEqualTo("guarded");
		JsonNode raw = JSON.readTree(lambda.lastEvent("request-authorizer"));
		assertThat(raw.get("multiValueQueryStringParameters").get("tenant").size()).isEqualTo(2);
		assertThat(raw.get("multiValueHeaders").get("X-User").get(0).asString()).isEqualTo("grace");
	}

	private static APIGatewayCustomAuthorizerEvent deserialize(String json) {
		PojoSerializer<APIGatewayCustomAuthorizerEvent> serializer = LambdaEventSerializers
			.serializerFor(APIGatewayCustomAuthorizerEvent.class, LambdaAuthorizerTests.class.getClassLoader());
		return serializer.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
	}

}
