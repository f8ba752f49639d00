package dev.turnpike.gateway.usageplan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.reactive.server.WebTestClient;

import dev.turnpike.gateway.support.MutableClock;
import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.gateway.support.UsagePlanFixtures;
import dev.turnpike.test.backend.TestBackend;
import dev.turnpike.test.lambda.TestLambdaServer.Reply;
import dev.turnpike.test.lambda.TestLambdaServer;
import dev.turnpike.test.redis.RedisExtension;
import dev.turnpike.usageplans.core.ApiStage;
import dev.turnpike.usageplans.core.QuotaPeriod;
import dev.turnpike.usageplans.core.QuotaSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code x-amazon-apigateway-api-key-source: AUTHORIZER}: the API key comes from the
 * Lambda authorizer's {@code usageIdentifierKey}, not from the client's {@code x-api-key}
 * header, and is metered like any other key.
 */
class ApiKeyFromAuthorizerTests {

	private static final String API = """
			openapi: 3.0.1
			info: {title: Delegated, version: "1"}
			x-amazon-apigateway-api-key-source: AUTHORIZER
			paths:
			  /pets:
			    get:
			      security: [{api_key: [], tokenAuth: []}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/pets"}
			components:
			  securitySchemes:
			    api_key: {type: apiKey, name: x-api-key, in: header}
			    tokenAuth:
			      type: apiKey
			      name: Authorization
			      in: header
			      x-amazon-apigateway-authtype: custom
			      x-amazon-apigateway-authorizer:
			        type: token
			        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/key-authorizer/invocations
			        authorizerResultTtlInSeconds: 300
			""";

	/** Which API key the authorizer hands out for a token. */
	static final Map<String, String> KEYS_BY_TOKEN = new ConcurrentHashMap<>();

	@TempDir
	static Path configDir;

	static UsagePlanFixtures fixtures;

	static TestBackend backend;

	static TestLambdaServer lambda;

	static RunningGateway gateway;

	static String headerKey;

	@BeforeAll
	static void start() {
		fixtures = new UsagePlanFixtures(RedisExtension.shared());
		backend = TestBackend.start();
		lambda = TestLambdaServer.start();
		lambda.function("key-authorizer", event -> {
			String token = field(event);
			String key = KEYS_BY_TOKEN.get(token);
			return Reply.json("{\"principalId\":\"" + token + "\",\"policyDocument\":{\"Version\":\"2012-10-17\","
					+ "\"Statement\":[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":\"*\"}]}"
					+ ((key != null) ? ",\"usageIdentifierKey\":\"" + key + "\"" : "") + "}");
		});
		ApiStage prod = new ApiStage("delegated", "prod", null);
		fixtures.plan("delegated-plan", null, new QuotaSettings(2, 0, QuotaPeriod.DAY), prod);
		KEYS_BY_TOKEN.put("partner", fixtures.key("partner-key"));
		fixtures.attach("delegated-plan", "partner-key");
		headerKey = fixtures.key("header-key");
		fixtures.attach("delegated-plan", "header-key");
		KEYS_BY_TOKEN.put("stranger", "not-a-key-anyone-issued-0123456789");
		TestConfigRepo.in(configDir)
			.api("delegated", API)
			.stage("delegated", "prod", Map.of("backend", backend.baseUrl()));
		// a fixed clock: the daily quota must not roll over mid-test
		gateway = RunningGateway.start(configDir, new MutableClock(Instant.parse("2026-11-23T10:00:00Z")),
				"spring.data.redis.url=" + RedisExtension.shared().url(),
				"turnpike.api-keys.hash-secret=" + UsagePlanFixtures.HASH_SECRET,
				"turnpike.lambda.endpoint-url=" + lambda.endpoint());
	}

	@AfterAll
	static void stop() {
		gateway.close();
		lambda.close();
		backend.close();
		fixtures.close();
	}

	@BeforeEach
	void reset() {
		backend.reset();
		lambda.reset();
	}

	private static String field(byte[] event) {
		return JsonMapper.builder()
			.build()
			.readTree(new String(event, StandardCharsets.UTF_8))
			.get("authorizationToken")
			.asString();
	}

	private static WebTestClient.ResponseSpec get(String token, String apiKeyHeader) {
		WebTestClient.RequestHeadersSpec<?> request = gateway.api("delegated")
			.get()
			.uri("/prod/pets")
			.header("Authorization", token);
		if (apiKeyHeader != null) {
			request = request.header("x-api-key", apiKeyHeader);
		}
		return request.exchange();
	}

	@Test
	void keyFromTheAuthorizerIsMeteredAgainstItsPlan() {
		get("partner", null).expectStatus().isOk();
		get("partner", null).expectStatus().isOk();
		get("partner", null).expectStatus().isEqualTo(429).expectBody().json("{\"message\":\"Limit Exceeded\"}", true);
		assertThat(backend.requestCount()).isEqualTo(2);
		assertThat(lambda.invocationCount("key-authorizer")).as("the decision and its key are cached").isEqualTo(1);
	}

	@Test
	void withoutAUsageIdentifierKeyOrWithAnUnknownOneTheRequestIsForbidden() {
		KEYS_BY_TOKEN.remove("keyless");
		get("keyless", null).expectStatus().isForbidden().expectBody().json("{\"message\":\"Forbidden\"}", true);
		get("stranger", null).expectStatus().isForbidden();
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void theClientsOwnApiKeyHeaderIsIgnored() {
		get("keyless", headerKey).expectStatus().isForbidden();
		assertThat(backend.requestCount()).isZero();
	}

}
