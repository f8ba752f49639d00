package dev.turnpike.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.UsagePlanFixtures;
import dev.turnpike.samples.petstore.PetstoreBackend;

/**
 * The sample HTTP API in {@code config-repo/apis/pets-http}, as committed, against the
 * real sample backend (its stage's backend URL rewritten to the backend's random port):
 * routes through the localhost domain mapping and the {@code execute-api} host, the
 * {@code $default} route, response mapping, CORS and the JWT route that fails closed.
 */
class SampleHttpApiTests {

	@TempDir
	static Path configDir;

	static PetstoreBackend backend;

	static RunningGateway gateway;

	@BeforeAll
	static void start() throws IOException {
		backend = PetstoreBackend.start(0, "prod");
		Path sample = Path.of("..", "config-repo");
		try (Stream<Path> files = Files.walk(sample)) {
			for (Path file : files.toList()) {
				Path target = configDir.resolve(sample.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.writeString(target,
							Files.readString(file).replace("localhost:8083", "127.0.0.1:" + backend.port()));
				}
			}
		}
		// The sample's REST API asks for API keys, so the gateway needs the secret keys
		// are hashed with.
		gateway = RunningGateway.start(configDir, "turnpike.api-keys.hash-secret=" + UsagePlanFixtures.HASH_SECRET);
	}

	@AfterAll
	static void stop() {
		gateway.close();
		backend.stop();
	}

	private static WebTestClient localhost() {
		return RunningGateway.testClient().baseUrl(gateway.baseUrl()).defaultHeader("Host", "localhost:8080").build();
	}

	@Test
	void routesAnswerThroughTheDomainMappingAndTheExecuteApiHostWithoutAStageSegment() {
		localhost().get()
			.uri("/pets-http/pets")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.exists("apigw-requestid")
			.expectBody()
			.jsonPath("$[0].type")
			.isEqualTo("dog");
		gateway.api("pets-http")
			.get()
			.uri("/pets/2")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("cat");
	}

	@Test
	void theDefaultRouteForwardsWhatNoRouteMatches() {
		gateway.api("pets-http")
			.get()
			.uri("/info")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Served-By", "petstore-prod");
	}

	@Test
	void aBackend404GetsTheMappedHintHeader() {
		gateway.api("pets-http")
			.get()
			.uri("/pets/999")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.valueEquals("x-hint", "try a pet id from GET /pets");
	}

	@Test
	void aPreflightFromTheConfiguredOriginIsAnsweredAndTheJwtRouteFailsClosed() {
		gateway.api("pets-http")
			.method(HttpMethod.OPTIONS)
			.uri("/pets")
			.header("Origin", "http://localhost:3000")
			.header("Access-Control-Request-Method", "POST")
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectHeader()
			.valueEquals("Access-Control-Allow-Origin", "http://localhost:3000")
			.expectHeader()
			.valueEquals("Access-Control-Allow-Methods", "GET,POST")
			.expectHeader()
			.valueEquals("Access-Control-Max-Age", "300");
		gateway.api("pets-http")
			.get()
			.uri("/me")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.json("{\"message\":\"Unauthorized\"}", true);
	}

}
