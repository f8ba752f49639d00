package dev.turnpike.gateway;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.backend.TestBackend;

class SmokeTests {

	@Test
	void smoke(@TempDir Path dir) {
		try (TestBackend backend = TestBackend.start()) {
			TestConfigRepo.in(dir).api("pets", """
					openapi: 3.0.1
					info: {title: Pets, version: "1"}
					paths:
					  /pets/{id}:
					    get:
					      x-amazon-apigateway-integration:
					        type: http_proxy
					        httpMethod: GET
					        uri: ${stageVariables.url}/items/{id}
					""").stage("pets", "dev", Map.of("url", backend.baseUrl()));
			try (RunningGateway gateway = RunningGateway.start(dir)) {
				gateway.api("pets").get().uri("/dev/pets/7?x=1").exchange().expectStatus().isOk()
					.expectBody(String.class).consumeWith(r -> System.out.println("BODY " + r.getResponseBody() + " " + r.getResponseHeaders()));
				gateway.api("pets").get().uri("/dev/nope").exchange().expectStatus().isForbidden()
					.expectBody(String.class).consumeWith(r -> System.out.println("BODY " + r.getResponseBody() + " " + r.getResponseHeaders()));
				System.out.println("BACKEND " + backend.lastRequest().pathAndQuery());
			}
		}
	}

}
