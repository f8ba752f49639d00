package dev.turnpike.gateway.integration;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;

/**
 * {@code mock}: the gateway answers from the integration's templates and responses alone.
 */
class MockIntegrationTests {

	@TempDir
	static Path configDir;

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		TestConfigRepo.in(configDir).api("status", """
				swagger: "2.0"
				info: {title: Status, version: "1"}
				paths:
				  /teapot:
				    get:
				      x-amazon-apigateway-integration:
				        type: mock
				        requestTemplates:
				          application/json: '{"statusCode": 418}'
				          application/xml: '{"statusCode": 200}'
				        responses:
				          "418":
				            statusCode: "418"
				            responseParameters:
				              method.response.header.X-Teapot: "'short and stout'"
				              method.response.header.X-Stage: context.stage
				            responseTemplates:
				              application/json: '{"message":"I am a teapot"}'
				              text/plain: I am a teapot
				          default:
				            statusCode: "200"
				            responseTemplates:
				              application/json: '{"message":"fine"}'
				  /plain:
				    post:
				      x-amazon-apigateway-integration:
				        type: mock
				        responses:
				          default:
				            statusCode: "204"
				  /broken:
				    get:
				      x-amazon-apigateway-integration:
				        type: mock
				        requestTemplates:
				          application/json: '{"no": "status"}'
				        responses:
				          default: {statusCode: "200"}
				  /unmatched:
				    get:
				      x-amazon-apigateway-integration:
				        type: mock
				        requestTemplates:
				          application/json: '{"statusCode": 500}'
				        responses:
				          "200": {statusCode: "200"}
				""").stage("status", "v1", Map.of());
		gateway = RunningGateway.start(configDir);
	}

	@AfterAll
	static void stop() {
		gateway.close();
	}

	@Test
	void requestTemplateStatusSelectsIntegrationResponse() {
		gateway.api("status")
			.get()
			.uri("/v1/teapot")
			.exchange()
			.expectStatus()
			.isEqualTo(418)
			.expectHeader()
			.valueEquals("X-Teapot", "short and stout")
			.expectHeader()
			.valueEquals("X-Stage", "v1")
			.expectHeader()
			.contentType("application/json")
			.expectHeader()
			.exists("x-amzn-RequestId")
			.expectBody()
			.json("{\"message\":\"I am a teapot\"}", true);
	}

	@Test
	void requestTemplateIsChosenByContentType() {
		gateway.api("status")
			.get()
			.uri("/v1/teapot")
			.header("Content-Type", "application/xml")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"message\":\"fine\"}", true);
	}

	@Test
	void responseTemplateIsChosenByAccept() {
		gateway.api("status")
			.get()
			.uri("/v1/teapot")
			.accept(MediaType.TEXT_PLAIN)
			.exchange()
			.expectStatus()
			.isEqualTo(418)
			.expectHeader()
			.contentType("text/plain")
			.expectBody(String.class)
			.isEqualTo("I am a teapot");
	}

	@Test
	void noRequestTemplateMeansStatus200() {
		gateway.api("status").post().uri("/v1/plain").exchange().expectStatus().isNoContent();
	}

	@Test
	void templateWithoutStatusOrResponseWithoutMatchIsAConfigurationError() {
		for (String path : new String[] { "/v1/broken", "/v1/unmatched" }) {
			gateway.api("status")
				.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isEqualTo(500)
				.expectBody()
				.json("{\"message\":\"Internal server error\"}", true);
		}
	}

}
