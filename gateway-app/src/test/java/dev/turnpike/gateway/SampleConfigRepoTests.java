package dev.turnpike.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.UsagePlanFixtures;
import dev.turnpike.samples.petstore.PetstoreBackend;
import dev.turnpike.test.redis.RealRedis;
import dev.turnpike.test.redis.RedisExtension;
import dev.turnpike.usageplans.core.ApiStage;

/**
 * The repository's own {@code config-repo/} served by the gateway against the real sample
 * backends — what a new user gets from the README. The sample's stage files point at
 * ports 8083/8084; here their values are rewritten to the backends' random ports,
 * everything else is used as committed.
 */
class SampleConfigRepoTests {

	@TempDir
	static Path configDir;

	static PetstoreBackend prod;

	static PetstoreBackend dev;

	static RunningGateway gateway;

	static UsagePlanFixtures fixtures;

	@BeforeAll
	static void start() throws IOException {
		RealRedis redis = RedisExtension.shared();
		fixtures = new UsagePlanFixtures(redis);
		prod = PetstoreBackend.start(0, "prod");
		dev = PetstoreBackend.start(0, "dev");
		copy(Path.of("..", "config-repo"), configDir);
		rewrite(configDir.resolve("apis/petstore/stages/prod.yaml"), "localhost:8083", "127.0.0.1:" + prod.port());
		rewrite(configDir.resolve("apis/petstore/stages/dev.yaml"), "localhost:8084", "127.0.0.1:" + dev.port());
		gateway = RunningGateway.start(configDir, "spring.data.redis.url=" + redis.url(),
				"turnpike.api-keys.hash-secret=" + UsagePlanFixtures.HASH_SECRET);
	}

	@AfterAll
	static void stop() {
		gateway.close();
		fixtures.close();
		prod.stop();
		dev.stop();
	}

	private static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.toList()) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
	}

	private static void rewrite(Path file, String from, String to) throws IOException {
		String content = Files.readString(file);
		if (!content.contains(from)) {
			throw new IllegalStateException(file + " no longer contains " + from);
		}
		Files.writeString(file, content.replace(from, to));
	}

	private static WebTestClient localhost() {
		return RunningGateway.testClient().baseUrl(gateway.baseUrl()).defaultHeader("Host", "localhost:8080").build();
	}

	@Test
	void petstoreProdStageThroughLocalhostDomainMapping() {
		localhost().get()
			.uri("/petstore/pets")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Served-By", "petstore-prod")
			.expectHeader()
			.exists("x-amzn-RequestId")
			.expectBody()
			.jsonPath("$[0].type")
			.isEqualTo("dog")
			.jsonPath("$[1].type")
			.isEqualTo("cat");
		localhost().get()
			.uri("/petstore/pets?type=cat")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].type")
			.isEqualTo("cat")
			.jsonPath("$.length()")
			.isEqualTo(1);
	}

	@Test
	void petstoreDevStageReachesTheDevBackend() {
		localhost().get()
			.uri("/petstore-dev/pets/2")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Served-By", "petstore-dev")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("cat");
		gateway.api("petstore")
			.get()
			.uri("/dev/pets/2")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Served-By", "petstore-dev");
	}

	@Test
	void petstoreCreatesPetsOnlyWithAnApiKeyAndPassesBackend404sThrough() {
		localhost().post()
			.uri("/petstore/pets")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"type\":\"parrot\",\"price\":42.5}")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.json("{\"message\":\"Forbidden\"}", true);
		String key = fixtures.key("sample-key");
		fixtures.plan("sample-plan", null, null, new ApiStage("petstore", "prod", null));
		fixtures.attach("sample-plan", "sample-key");
		localhost().post()
			.uri("/petstore/pets")
			.contentType(MediaType.APPLICATION_JSON)
			.header("x-api-key", key)
			.bodyValue("{\"type\":\"parrot\",\"price\":42.5}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("parrot");
		localhost().get()
			.uri("/petstore/pets/999")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.message")
			.isEqualTo("No pet with that id");
	}

	@Test
	void petstoreInfoIsANonProxyIntegrationWithMappedParameters() {
		localhost().get()
			.uri("/petstore/info?verbose=yes&other=no")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Served-By", "petstore-prod")
			.expectHeader()
			.valueEquals("Cache-Control", "no-store")
			.expectBody()
			.jsonPath("$.environment")
			.isEqualTo("production")
			.jsonPath("$.verbose")
			.isEqualTo("yes");
	}

	@Test
	void statusApiIsServedByMocks() {
		localhost().get()
			.uri("/status/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"status\":\"ok\"}", true);
		localhost().get()
			.uri("/status/teapot")
			.exchange()
			.expectStatus()
			.isEqualTo(418)
			.expectHeader()
			.valueEquals("X-Teapot", "short and stout");
		localhost().delete()
			.uri("/status/version")
			.accept(MediaType.TEXT_PLAIN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("version 1.0");
	}

	@Test
	void wrongPathAnswersMissingAuthenticationToken() {
		localhost().get()
			.uri("/status/nope")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "MissingAuthenticationTokenException")
			.expectHeader()
			.valueEquals("Access-Control-Allow-Origin", "*")
			.expectBody()
			.json("{\"message\":\"Missing Authentication Token\"}", true);
		localhost().get()
			.uri("/unmapped/pets")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.json("{\"message\":\"Forbidden\"}", true);
	}

}
