package dev.turnpike.gateway.validation;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.backend.TestBackend;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Body models referring to other models, as AWS validates them (draft 4): a property that
 * is {@code oneOf} {@code null} or another model by its
 * {@code https://apigateway.amazonaws.com/restapis/<id>/models/<name>} URL. The cases and
 * answers are those AWS recorded (LocalStack's AWS-validated
 * {@code test_api_gateway_request_validator_with_ref_one_ofmodels}, 2024).
 */
class ModelReferenceValidationTests {

	private static final String API = """
			openapi: 3.0.1
			info: {title: refs, version: "1"}
			x-amazon-apigateway-request-validators:
			  body: {validateRequestBody: true, validateRequestParameters: false}
			paths:
			  /orders:
			    post:
			      x-amazon-apigateway-request-validator: body
			      requestBody:
			        required: true
			        content:
			          application/json:
			            schema: {$ref: "#/components/schemas/TestModel"}
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: POST, uri: "${stageVariables.backend}/orders"}
			components:
			  schemas:
			    TestModel:
			      type: object
			      required: [status]
			      properties:
			        status:
			          oneOf:
			            - type: "null"
			            - $ref: "https://apigateway.amazonaws.com/restapis/abc123/models/StatusModel"
			    StatusModel:
			      type: object
			      required: [Status, Order]
			      properties:
			        Status: {type: string}
			        Order: {type: integer}
			""";

	/** The same models in a Swagger 2.0 export, where they are definitions. */
	private static final String SWAGGER = """
			{
			  "swagger": "2.0",
			  "info": {"title": "refs2", "version": "1"},
			  "x-amazon-apigateway-request-validators": {"body": {"validateRequestBody": true, "validateRequestParameters": false}},
			  "paths": {
			    "/orders": {
			      "post": {
			        "x-amazon-apigateway-request-validator": "body",
			        "consumes": ["application/json"],
			        "parameters": [{"in": "body", "name": "TestModel", "required": true, "schema": {"$ref": "#/definitions/TestModel"}}],
			        "x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "POST", "uri": "${stageVariables.backend}/orders"}
			      }
			    }
			  },
			  "definitions": {
			    "TestModel": {
			      "type": "object",
			      "required": ["status"],
			      "properties": {
			        "status": {"oneOf": [{"type": "null"}, {"$ref": "https://apigateway.amazonaws.com/restapis/abc123/models/StatusModel"}]}
			      }
			    },
			    "StatusModel": {
			      "type": "object",
			      "required": ["Status", "Order"],
			      "properties": {"Status": {"type": "string"}, "Order": {"type": "integer"}}
			    }
			  }
			}
			""";

	@TempDir
	static Path configDir;

	static TestBackend backend;

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		backend = TestBackend.start();
		TestConfigRepo.in(configDir)
			.api("refs", API)
			.stage("refs", "test", Map.of("backend", backend.baseUrl()))
			.write("apis/refs2/openapi.json", SWAGGER)
			.stage("refs2", "test", Map.of("backend", backend.baseUrl()));
		gateway = RunningGateway.start(configDir);
	}

	@AfterAll
	static void stop() {
		gateway.close();
		backend.close();
	}

	@BeforeEach
	void reset() {
		backend.reset();
	}

	private static WebTestClient.ResponseSpec post(String body) {
		return post("refs", body);
	}

	private static WebTestClient.ResponseSpec post(String api, String body) {
		WebTestClient.RequestBodySpec request = gateway.api(api)
			.post()
			.uri("/test/orders")
			.contentType(MediaType.APPLICATION_JSON);
		return (body != null) ? request.bodyValue(body).exchange() : request.exchange();
	}

	@Test
	void nullMatchesTheNullBranchOfOneOf() {
		post("{\"status\": null}").expectStatus().isOk();
		assertThat(backend.requestCount()).isEqualTo(1);
	}

	@Test
	void aSwagger20ExportValidatesTheSame() {
		post("refs2", "{\"status\": null}").expectStatus().isOk();
		post("refs2", "{\"status\": {\"Status\": \"works\", \"Order\": 1}}").expectStatus().isOk();
		post("refs2", "{\"status\": {\"Status\": 7}}").expectStatus().isBadRequest();
		post("refs2", "{\"badFormat\": \"bla\"}").expectStatus().isBadRequest();
	}

	@Test
	void aModelThatContainsItselfThroughAYamlAliasLoadsWithoutTheWrittenReading(@TempDir Path dir) {
		TestConfigRepo.in(dir).api("loop", """
				swagger: "2.0"
				info: {title: loop, version: "1"}
				paths:
				  /x:
				    post:
				      parameters: [{in: body, name: Loop, schema: {$ref: "#/definitions/Loop"}}]
				      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: POST, uri: "http://x.test/x"}
				definitions:
				  Loop: &loop {type: object, properties: {self: *loop}}
				""").write("apis/loop/stages/prod.yaml", "{}\n");
		assertThat(new dev.turnpike.gateway.config.ConfigRepositoryLoader(
				dev.turnpike.gateway.config.LoaderSettings.defaults())
			.load(dir)
			.config()
			.apis()).containsKey("loop");
	}

	@Test
	void anObjectMatchesTheReferencedModel() {
		post("{\"status\": {\"Status\": \"works\", \"Order\": 1}}").expectStatus().isOk();
	}

	@Test
	void noBodyOrAnotherShapeIsInvalid() {
		post(null).expectStatus().isBadRequest().expectBody().json("{\"message\":\"Invalid request body\"}", true);
		post("{\"badFormat\": \"bla\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.json("{\"message\":\"Invalid request body\"}", true);
		assertThat(backend.requestCount()).isZero();
	}

}
