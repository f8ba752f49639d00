package dev.turnpike.gateway.cache;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.turnpike.gateway.support.MutableClock;
import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.gateway.support.UsagePlanFixtures;
import dev.turnpike.test.backend.TestBackend;
import dev.turnpike.test.lambda.TestLambdaServer;
import dev.turnpike.test.lambda.TestLambdaServer.Reply;
import dev.turnpike.test.redis.RedisExtension;
import dev.turnpike.usageplans.core.ApiStage;
import dev.turnpike.usageplans.core.QuotaPeriod;
import dev.turnpike.usageplans.core.QuotaSettings;
import dev.turnpike.usageplans.core.ResponseCacheStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API caching over real HTTP, with a backend that counts its calls and numbers its
 * answers, two gateways sharing one real Redis, and an injected clock for TTLs.
 */
class ResponseCacheTests {

	private static final String API = """
			openapi: 3.0.1
			info: {title: Cached, version: "1"}
			paths:
			  /items:
			    get:
			      parameters:
			        - {name: type, in: query}
			        - {name: X-Tenant, in: header}
			      x-amazon-apigateway-integration:
			        type: http_proxy
			        httpMethod: GET
			        uri: "${stageVariables.backend}/items"
			        cacheKeyParameters: [method.request.querystring.type, method.request.header.X-Tenant]
			    post:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: POST, uri: "${stageVariables.backend}/items"}
			  /items/{id}:
			    get:
			      parameters: [{name: id, in: path, required: true}]
			      x-amazon-apigateway-integration:
			        type: http_proxy
			        httpMethod: GET
			        uri: "${stageVariables.backend}/items/{id}"
			        requestParameters: {integration.request.path.id: method.request.path.id}
			        cacheKeyParameters: [method.request.path.id]
			  /short:
			    get:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/short"}
			  /orders:
			    post:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: POST, uri: "${stageVariables.backend}/orders"}
			  /strict:
			    get:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/strict"}
			  /quiet:
			    get:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/quiet"}
			  /anyone:
			    get:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/anyone"}
			  /secure:
			    get:
			      security: [{tokenAuth: []}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/secure"}
			  /keyed:
			    get:
			      security: [{api_key: []}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/keyed"}
			  /big:
			    get:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/big"}
			  /chunked/{size}:
			    get:
			      parameters: [{name: size, in: path, required: true}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/chunked/{size}", cacheKeyParameters: [method.request.path.size]}
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
			        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/allow/invocations
			        authorizerResultTtlInSeconds: 0
			""";

	private static final String PROD = """
			variables: {backend: "%s"}
			cacheClusterEnabled: true
			cacheClusterSize: 237
			caching:
			  "*/*": {cacheTtlInSeconds: 300}
			  /short/GET: {cacheTtlInSeconds: 10}
			  /orders/POST: {cachingEnabled: true}
			  /strict/GET: {unauthorizedCacheControlHeaderStrategy: FAIL_WITH_403}
			  /quiet/GET: {unauthorizedCacheControlHeaderStrategy: SUCCEED_WITHOUT_RESPONSE_HEADER}
			  /anyone/GET: {requireAuthorizationForCacheControl: false}
			""";

	private static final byte[] ENCRYPTION_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	@TempDir
	static Path configDir;

	static UsagePlanFixtures fixtures;

	static TestBackend backend;

	static TestLambdaServer lambda;

	static MutableClock clock;

	static RunningGateway gateway;

	static RunningGateway replica;

	static String apiKey;

	static final AtomicInteger calls = new AtomicInteger();

	@BeforeAll
	static void start() {
		fixtures = new UsagePlanFixtures(RedisExtension.shared());
		backend = TestBackend.start();
		lambda = TestLambdaServer.start();
		lambda.function("allow", event -> Reply.json("{\"principalId\":\"caller\",\"policyDocument\":{\"Version\":"
				+ "\"2012-10-17\",\"Statement\":[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":\"*\"}]}}"));
		fixtures.plan("cached-plan", null, new QuotaSettings(3, 0, QuotaPeriod.DAY),
				new ApiStage("cached", "prod", null));
		apiKey = fixtures.key("cache-key");
		fixtures.attach("cached-plan", "cache-key");
		String url = backend.baseUrl();
		TestConfigRepo.in(configDir)
			.api("cached", API)
			.write("apis/cached/stages/prod.yaml", PROD.formatted(url))
			.write("apis/cached/stages/dev.yaml", "variables: {backend: \"" + url + "\"}\n")
			.write("apis/cached/stages/enc.yaml",
					"variables: {backend: \"" + url + "\"}\ncacheClusterEnabled: true\n"
							+ "cacheClusterSize: 237\ncaching:\n  \"*/*\": {cacheDataEncrypted: true}\n")
			.write("apis/cached/stages/tiny.yaml",
					"variables: {backend: \"" + url + "\"}\ncacheClusterEnabled: true\n" + "cacheClusterSize: 0.5\n");
		clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
		String[] properties = { "spring.data.redis.url=" + RedisExtension.shared().url(),
				"turnpike.api-keys.hash-secret=" + UsagePlanFixtures.HASH_SECRET,
				"turnpike.lambda.endpoint-url=" + lambda.endpoint(),
				"turnpike.cache.encryption-key=" + Base64.getEncoder().encodeToString(ENCRYPTION_KEY),
				// 0.5 GB of cache is 4 KB here, so a few dozen answers fill the tiny
				// stage; 237 GB is 1.9 MB
				"turnpike.cache.memory-per-gb=8KB", "turnpike.cache.max-entry-size=2KB" };
		gateway = RunningGateway.start(configDir, clock, properties);
		replica = RunningGateway.start(configDir, clock, properties);
	}

	@AfterAll
	static void stop() {
		replica.close();
		gateway.close();
		lambda.close();
		backend.close();
		fixtures.close();
	}

	@BeforeEach
	void reset() {
		backend.reset();
		backend.respond("/",
				request -> TestBackend.Response
					.json(200, "{\"call\":" + calls.incrementAndGet() + ",\"path\":\"" + request.path() + "\"}")
					.withHeader("X-Backend-Version", "v1"));
		backend.respond("/big", request -> TestBackend.Response.of(200, "text/plain", "x".repeat(3000)));
		backend.respond("/chunked/",
				request -> TestBackend.Response
					.of(200, "text/plain", "y".repeat(Integer.parseInt(request.path().substring("/chunked/".length()))))
					.chunked());
		for (String stage : List.of("prod", "dev", "enc", "tiny")) {
			assertThat(FlushCacheCommand.run(
					new String[] { "cached", stage, "--redis-url=" + RedisExtension.shared().url() },
					new PrintStream(new ByteArrayOutputStream()), System.err))
				.isZero();
		}
	}

	private static EntityExchangeResult<String> get(RunningGateway on, String path, String... headers) {
		WebTestClient.RequestHeadersSpec<?> request = on.api("cached").get().uri(path);
		for (int i = 0; i < headers.length; i += 2) {
			request = request.header(headers[i], headers[i + 1]);
		}
		return request.exchange().expectBody(String.class).returnResult();
	}

	private static EntityExchangeResult<String> get(String path, String... headers) {
		return get(gateway, path, headers);
	}

	private static double metric(String series) {
		String name = (series.contains("{") ? series.substring(0, series.indexOf('{')) : series).replace("_total", "");
		String text = gateway.management()
			.get()
			.uri("/actuator/prometheus?includedNames=" + name)
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return (text == null) ? 0
				: text.lines()
					.filter(line -> line.startsWith(series + " "))
					.mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
					.findFirst()
					.orElse(0);
	}

	@Test
	void aSecondGetWithinTheTtlIsAnsweredFromTheCacheWithTheSameStatusHeadersAndBody() {
		String labels = "{api=\"cached\",method=\"GET\",resource=\"/items\",stage=\"prod\"}";
		double hits = metric("turnpike_api_cache_hits_total" + labels);
		double misses = metric("turnpike_api_cache_misses_total" + labels);
		EntityExchangeResult<String> first = get("/prod/items?type=a");
		EntityExchangeResult<String> second = get("/prod/items?type=a");

		assertThat(backend.requestCount()).isEqualTo(1);
		assertThat(second.getStatus().value()).isEqualTo(200);
		assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody()).contains("\"path\":\"/items\"");
		assertThat(second.getResponseHeaders().getFirst("X-Backend-Version")).isEqualTo("v1");
		assertThat(second.getResponseHeaders().getContentType()).isEqualTo(first.getResponseHeaders().getContentType());
		assertThat(second.getResponseHeaders().getFirst("x-amzn-RequestId"))
			.as("per-request headers are the request's own, not the cached answer's")
			.isNotEqualTo(first.getResponseHeaders().getFirst("x-amzn-RequestId"));
		assertThat(metric("turnpike_api_cache_hits_total" + labels)).isEqualTo(hits + 1);
		assertThat(metric("turnpike_api_cache_misses_total" + labels)).isEqualTo(misses + 1);
	}

	@Test
	void aStageWithoutTheCacheAlwaysCallsTheBackend() {
		get("/dev/items?type=a");
		get("/dev/items?type=a");

		assertThat(backend.requestCount()).isEqualTo(2);
	}

	@Test
	void entriesExpireAfterTheTtlAndAMethodCanOverrideIt() {
		get("/prod/short");
		get("/prod/items");
		clock.advance(Duration.ofSeconds(11));
		get("/prod/short");
		get("/prod/items");

		assertThat(backend.requests()).extracting(r -> r.path()).containsExactly("/short", "/items", "/short");
		clock.advance(Duration.ofSeconds(290));
		get("/prod/items");
		assertThat(backend.requestCount()).as("the stage's 300 s have passed").isEqualTo(4);
	}

	@Test
	void cacheKeyParametersSeparateEntriesAndOtherParametersDoNot() {
		get("/prod/items?type=a");
		get("/prod/items?type=b");
		get("/prod/items?type=a", "X-Tenant", "t1");
		get("/prod/items?type=a&page=7", "X-Other", "ignored");
		get("/prod/items/1");
		get("/prod/items/2");
		get("/prod/items/1?type=zzz");

		assertThat(backend.requests()).extracting(r -> r.path() + "?" + r.rawQuery())
			.containsExactly("/items?type=a", "/items?type=b", "/items?type=a", "/items/1?null", "/items/2?null");
	}

	@Test
	void postIsNotCachedUnlessItsMethodSettingTurnsCachingOn() {
		gateway.api("cached").post().uri("/prod/items").bodyValue("{}").exchange().expectStatus().isOk();
		gateway.api("cached").post().uri("/prod/items").bodyValue("{}").exchange().expectStatus().isOk();
		gateway.api("cached").post().uri("/prod/orders").bodyValue("{}").exchange().expectStatus().isOk();
		gateway.api("cached").post().uri("/prod/orders").bodyValue("{}").exchange().expectStatus().isOk();

		assertThat(backend.requests()).extracting(r -> r.path()).containsExactly("/items", "/items", "/orders");
	}

	@Test
	void maxAgeZeroRefreshesTheEntryForAnAuthorizedCaller() {
		String first = get("/prod/secure", "Authorization", "token").getResponseBody();
		String refreshed = get("/prod/secure", "Authorization", "token", "Cache-Control", "max-age=0")
			.getResponseBody();
		String after = get("/prod/secure", "Authorization", "token").getResponseBody();

		assertThat(backend.requestCount()).isEqualTo(2);
		assertThat(refreshed).isNotEqualTo(first);
		assertThat(after).as("the refreshed answer replaced the entry").isEqualTo(refreshed);
	}

	@Test
	void maxAgeZeroFromACallerWhoMayNotInvalidateFollowsTheMethodsStrategy() {
		get("/prod/items");
		EntityExchangeResult<String> withHeader = get("/prod/items", "Cache-Control", "max-age=0");
		assertThat(withHeader.getStatus().value()).isEqualTo(200);
		assertThat(withHeader.getResponseHeaders().getFirst("Warning")).contains("not authorized to invalidate");

		get("/prod/quiet");
		EntityExchangeResult<String> quiet = get("/prod/quiet", "Cache-Control", "no-cache, max-age=0");
		assertThat(quiet.getStatus().value()).isEqualTo(200);
		assertThat(quiet.getResponseHeaders().containsHeader("Warning")).isFalse();

		get("/prod/strict");
		EntityExchangeResult<String> strict = get("/prod/strict", "Cache-Control", "max-age=0");
		assertThat(strict.getStatus().value()).isEqualTo(403);
		assertThat(strict.getResponseBody()).contains("Not authorized to invalidate the cache");

		assertThat(backend.requests()).as("none of them reached the backend twice")
			.extracting(r -> r.path())
			.containsExactly("/items", "/quiet", "/strict");
	}

	@Test
	void withoutRequiredAuthorizationAnyCallerMayRefresh() {
		get("/prod/anyone");
		get("/prod/anyone", "Cache-Control", "max-age=0");

		assertThat(backend.requestCount()).isEqualTo(2);
	}

	@Test
	void aHitStillNeedsTheKeyAndCountsAgainstTheQuota() {
		get("/prod/keyed", "x-api-key", apiKey);
		assertThat(get("/prod/keyed").getStatus().value()).as("no key, no cached answer").isEqualTo(403);
		assertThat(get("/prod/keyed", "x-api-key", apiKey).getStatus().value()).isEqualTo(200);
		assertThat(get("/prod/keyed", "x-api-key", apiKey).getStatus().value()).isEqualTo(200);
		EntityExchangeResult<String> overQuota = get("/prod/keyed", "x-api-key", apiKey);

		assertThat(overQuota.getStatus().value()).isEqualTo(429);
		assertThat(overQuota.getResponseBody()).contains("Limit Exceeded");
		assertThat(backend.requestCount()).isEqualTo(1);
	}

	@Test
	void answersLargerThanTheLargestCacheableSizeAreServedButNotCached() {
		assertThat(get("/prod/big").getResponseBody()).hasSize(3000);
		assertThat(get("/prod/big").getResponseBody()).hasSize(3000);

		assertThat(backend.requestCount()).isEqualTo(2);
	}

	@Test
	void answersWithoutContentLengthAreCachedWhileTheyFitAndStreamedWholeWhenTheyDoNot() {
		EntityExchangeResult<String> small = get("/prod/chunked/500");
		assertThat(small.getResponseHeaders().getContentLength()).as("the backend sent no Content-Length")
			.isEqualTo(-1);
		assertThat(small.getResponseBody()).hasSize(500);
		assertThat(get("/prod/chunked/500").getResponseBody()).hasSize(500);
		assertThat(backend.requestCount()).isEqualTo(1);

		// Over turnpike.cache.max-entry-size (2KB): served whole, never held whole, not
		// cached.
		assertThat(get("/prod/chunked/200000").getResponseBody()).hasSize(200000);
		assertThat(get("/prod/chunked/200000").getResponseBody()).hasSize(200000);
		assertThat(backend.requestCount()).isEqualTo(3);
	}

	@Test
	void replicasShareEntriesAndAFlushEmptiesTheStageForAll() {
		String fromFirst = get(gateway, "/prod/items?type=shared").getResponseBody();
		String fromReplica = get(replica, "/prod/items?type=shared").getResponseBody();
		assertThat(fromReplica).isEqualTo(fromFirst);
		assertThat(backend.requestCount()).isEqualTo(1);

		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int exit = FlushCacheCommand.run(
				new String[] { "cached", "prod", "--redis-url=" + RedisExtension.shared().url() },
				new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

		assertThat(exit).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8))
			.contains("flushed the cache of cached/prod: 1 entries removed");
		get(replica, "/prod/items?type=shared");
		get(gateway, "/prod/items?type=shared");
		assertThat(backend.requestCount()).isEqualTo(2);
	}

	@Test
	void encryptedEntriesAreNotReadableInRedisAndStillServeHits() {
		String first = get("/enc/items/41").getResponseBody();
		String second = get("/enc/items/41").getResponseBody();
		get("/prod/items/42");

		assertThat(second).isEqualTo(first);
		assertThat(backend.requestCount()).isEqualTo(2);
		var redis = fixtures.redis();
		List<String> encrypted = redis.keys(ResponseCacheStore.entryPrefix("cached", "enc") + "*");
		List<String> plain = redis.keys(ResponseCacheStore.entryPrefix("cached", "prod") + "*");
		assertThat(encrypted).hasSize(1);
		assertThat(redis.get(encrypted.get(0))).doesNotContain("/items/41").doesNotContain("call");
		assertThat(plain).hasSize(1);
		assertThat(redis.get(plain.get(0))).as("an unencrypted entry holds the body as it is").contains("/items/42");
	}

	@Test
	void theStagesMemoryBoundEvictsTheLeastRecentlyUsedEntries() {
		for (int id = 1; id <= 60; id++) {
			get("/tiny/items/" + id);
		}
		backend.reset();
		backend.respond("/", request -> TestBackend.Response.json(200, "{\"again\":true}"));
		get("/tiny/items/60");
		get("/tiny/items/1");

		assertThat(backend.requests()).as("the newest entry is still there; the oldest was evicted")
			.extracting(r -> r.path())
			.containsExactly("/items/1");
		long bytes = Long.parseLong(fixtures.redis().get(ResponseCacheStore.bytes("cached", "tiny")));
		assertThat(bytes).isPositive().isLessThanOrEqualTo(4096);
		assertThat(metric("turnpike_api_cache_evictions_total")).isPositive();
	}

}
