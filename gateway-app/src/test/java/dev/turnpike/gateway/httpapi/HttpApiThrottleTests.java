package dev.turnpike.gateway.httpapi;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.turnpike.gateway.support.MutableClock;
import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.backend.TestBackend;
import dev.turnpike.test.redis.RealRedis;
import dev.turnpike.test.redis.RedisExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP API's route throttling (AWS's {@code RouteSettings} and
 * {@code DefaultRouteSettings} as the stage file's {@code throttling.routes} and
 * {@code throttling.defaultRoute}) and its integration timeout, answered as HTTP APIs
 * answer them: 429 {@code Too Many Requests}, 503 {@code Service Unavailable}.
 */
class HttpApiThrottleTests {

	@TempDir
	static Path configDir;

	static RealRedis redis;

	static TestBackend backend;

	static MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		redis = RedisExtension.shared();
		backend = TestBackend.start();
		TestConfigRepo repo = TestConfigRepo.in(configDir);
		repo.api("limited",
				"""
						openapi: "3.0.1"
						info: {title: limited, version: "1"}
						x-amazon-apigateway-importexport-version: "1.0"
						paths:
						  /hot:
						    get:
						      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/hot"}
						  /warm:
						    get:
						      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/warm"}
						  /slow:
						    get:
						      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, timeoutInMillis: 300, uri: "${stageVariables.backend}/slow"}
						""");
		repo.write("apis/limited/stages/$default.yaml", """
				variables: {backend: "%s"}
				throttling:
				  defaultRoute: {rateLimit: 1, burstLimit: 3}
				  routes:
				    "GET /hot": {rateLimit: 1, burstLimit: 1}
				""".formatted(backend.baseUrl()));
		gateway = RunningGateway.start(configDir, clock, "spring.data.redis.url=" + redis.url());
	}

	@AfterAll
	static void stop() {
		gateway.close();
		backend.close();
	}

	@BeforeEach
	void later() {
		backend.reset();
		backend.respond("/slow", TestBackend.Response.json(200, "{}").delayedBy(Duration.ofSeconds(2)));
		clock.advance(Duration.ofMinutes(5));
	}

	private static int status(String path) {
		return gateway.api("limited").get().uri(path).exchange().expectBody().returnResult().getStatus().value();
	}

	@Test
	void aRouteWithItsOwnSettingsHasItsOwnBucket() {
		assertThat(status("/hot")).isEqualTo(200);
		gateway.api("limited")
			.get()
			.uri("/hot")
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectBody()
			.json("{\"message\":\"Too Many Requests\"}", true);
		assertThat(backend.requestCount()).isEqualTo(1);
		// Another route is not in that bucket.
		assertThat(status("/warm")).isEqualTo(200);
	}

	@Test
	void everyOtherRouteGetsTheDefaultRouteSettingsBucketOfItsOwn() {
		assertThat(status("/warm")).isEqualTo(200);
		assertThat(status("/warm")).isEqualTo(200);
		assertThat(status("/warm")).isEqualTo(200);
		assertThat(status("/warm")).isEqualTo(429);
		assertThat(backend.requestCount()).isEqualTo(3);
	}

	@Test
	void anIntegrationThatTimesOutIs503ServiceUnavailable() {
		gateway.api("limited")
			.get()
			.uri("/slow")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.exists("apigw-requestid")
			.expectBody()
			.json("{\"message\":\"Service Unavailable\"}", true);
	}

	@Test
	void routeThrottlesOnARestApiAreRefused(@TempDir Path dir) {
		TestConfigRepo.in(dir).api("rest", """
				openapi: 3.0.1
				info: {title: rest, version: "1"}
				paths:
				  /a:
				    get:
				      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "http://a.test/a"}
				""").write("apis/rest/stages/prod.yaml", """
				throttling:
				  defaultRoute: {rateLimit: 1, burstLimit: 1}
				  routes:
				    "GET /a": {rateLimit: 1, burstLimit: 1}
				""");
		var ex = org.assertj.core.api.Assertions.catchThrowableOfType(
				dev.turnpike.gateway.config.InvalidConfigException.class,
				() -> new dev.turnpike.gateway.config.ConfigRepositoryLoader(
						dev.turnpike.gateway.config.LoaderSettings.defaults())
					.load(dir));
		assertThat(ex.problems()).extracting(Object::toString)
			.containsExactlyInAnyOrder(
					"apis/rest/stages/prod.yaml: throttling: routes and defaultRoute throttle an HTTP API's routes;"
							+ " apis/rest/openapi.yaml is a REST API, whose methods are throttled under"
							+ " throttling.methods");
	}

}
