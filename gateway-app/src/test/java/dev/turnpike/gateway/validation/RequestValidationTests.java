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
 * Request validation with AWS's own sample API ("ReqValidators Sample", Swagger 2.0) and
 * the results AWS documents for it: required parameters, a JSON Schema body model,
 * validators chosen per API and per operation, and the validation details available to
 * gateway response templates. The sample's {@code security} entries name no security
 * definition, so they are left out; the integration points at a test backend; one gateway
 * response is customised to show {@code $context.error.validationErrorString}.
 */
class RequestValidationTests {

	private static final String SAMPLE = """
			{
			  "swagger": "2.0",
			  "info": {"title": "ReqValidators Sample", "version": "1.0.0"},
			  "schemes": ["https"],
			  "basePath": "/v1",
			  "produces": ["application/json"],
			  "x-amazon-apigateway-request-validators" : {
			    "all" : {"validateRequestBody" : true, "validateRequestParameters" : true},
			    "params-only" : {"validateRequestBody" : false, "validateRequestParameters" : true}
			  },
			  "x-amazon-apigateway-request-validator" : "params-only",
			  "x-amazon-apigateway-gateway-responses": {
			    "BAD_REQUEST_BODY": {
			      "responseTemplates": {"application/json": "$context.error.messageString: $context.error.validationErrorString"}
			    }
			  },
			  "paths": {
			    "/validation": {
			      "post": {
			        "x-amazon-apigateway-request-validator" : "all",
			        "parameters": [
			          {"in": "header", "name": "h1", "required": true},
			          {"in": "body", "name": "RequestBodyModel", "required": true, "schema": {"$ref": "#/definitions/RequestBodyModel"}}
			        ],
			        "responses": {"200": {"schema": {"type": "array", "items": {"$ref": "#/definitions/Error"}}}},
			        "x-amazon-apigateway-auth" : {"type" : "none"},
			        "x-amazon-apigateway-integration" : {
			          "type" : "http",
			          "uri" : "${stageVariables.backend}/petstore/pets",
			          "httpMethod" : "POST",
			          "requestParameters": {"integration.request.header.custom_h1": "method.request.header.h1"},
			          "responses" : {
			            "2\\\\d{2}" : {"statusCode" : "200"},
			            "default" : {
			              "statusCode" : "400",
			              "responseParameters" : {"method.response.header.test-method-response-header" : "'static value'"},
			              "responseTemplates" : {"application/json" : "json 400 response template", "application/xml" : "xml 400 response template"}
			            }
			          }
			        }
			      },
			      "get": {
			        "parameters": [{"name": "q1", "in": "query", "required": true}],
			        "responses": {"200": {"schema": {"type": "array", "items": {"$ref": "#/definitions/Error"}}}},
			        "x-amazon-apigateway-auth" : {"type" : "none"},
			        "x-amazon-apigateway-integration" : {
			          "type" : "http",
			          "uri" : "${stageVariables.backend}/petstore/pets",
			          "httpMethod" : "GET",
			          "requestParameters": {"integration.request.querystring.type": "method.request.querystring.q1"},
			          "responses" : {
			            "2\\\\d{2}" : {"statusCode" : "200"},
			            "default" : {"statusCode" : "400"}
			          }
			        }
			      }
			    }
			  },
			  "definitions": {
			    "RequestBodyModel": {
			      "type": "object",
			      "properties": {
			        "id":    { "type": "integer" },
			        "type":  { "type": "string", "enum": ["dog", "cat", "fish"] },
			        "name":  { "type": "string" },
			        "price": { "type": "number", "minimum": 25, "maximum": 500 }
			      },
			      "required": ["type", "name", "price"]
			    },
			    "Error": {"type": "object", "properties": {}}
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
			.write("apis/validators/openapi.json", SAMPLE)
			.stage("validators", "test", Map.of("backend", backend.baseUrl()));
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
		backend.respond("/petstore/pets", TestBackend.Response.json(200, "[]"));
	}

	private static WebTestClient.ResponseSpec post(String body, String h1) {
		WebTestClient.RequestBodySpec request = gateway.api("validators")
			.post()
			.uri("/test/validation")
			.contentType(MediaType.APPLICATION_JSON);
		if (h1 != null) {
			request = request.header("h1", h1);
		}
		return request.bodyValue(body).exchange();
	}

	@Test
	void validRequestReachesTheBackendWithItsMappedHeader() {
		post("{\"name\":\"Rex\",\"type\":\"dog\",\"price\":260}", "v1").expectStatus().isOk();
		assertThat(backend.lastRequest().header("custom_h1")).isEqualTo("v1");
		assertThat(backend.lastRequest().bodyAsString()).isEqualTo("{\"name\":\"Rex\",\"type\":\"dog\",\"price\":260}");
	}

	@Test
	void bodyOutsideTheModelIsInvalidRequestBodyWithTheDetailsForTemplates() {
		post("{\"name\":\"Tweety\",\"type\":\"bird\",\"price\":260}", "v1").expectStatus()
			.isBadRequest()
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "BadRequestException")
			.expectBody(String.class)
			.value(body -> assertThat(body).startsWith("\"Invalid request body\": [")
				.contains("/type: ")
				.contains("dog"));
		post("{\"name\":\"Rex\",\"type\":\"dog\",\"price\":501}", "v1").expectStatus().isBadRequest();
		post("{\"name\":\"Rex\",\"type\":\"dog\"}", "v1").expectStatus().isBadRequest();
		post("not json at all", "v1").expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value(body -> assertThat(body).startsWith("\"Invalid request body\": [Invalid JSON"));
		post("", "v1").expectStatus().isBadRequest();
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void missingOrBlankRequiredParametersAreNamedAndCheckedBeforeTheBody() {
		post("{\"name\":\"Rex\",\"type\":\"dog\",\"price\":260}", null).expectStatus()
			.isBadRequest()
			.expectBody()
			.json("{\"message\":\"Missing required request parameters: [h1]\"}", true);
		post("{\"type\":\"bird\"}", null).expectBody()
			.json("{\"message\":\"Missing required request parameters: [h1]\"}", true);
		gateway.api("validators")
			.get()
			.uri("/test/validation")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.json("{\"message\":\"Missing required request parameters: [q1]\"}", true);
		gateway.api("validators")
			.get()
			.uri("/test/validation?q1=")
			.exchange()
			.expectBody()
			.json("{\"message\":\"Missing required request parameters: [q1]\"}", true);
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void apiDefaultValidatorChecksParametersOnly() {
		gateway.api("validators").get().uri("/test/validation?q1=cat").exchange().expectStatus().isOk();
		assertThat(backend.lastRequest().rawQuery()).isEqualTo("type=cat");
	}

}
