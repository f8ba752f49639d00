package dev.turnpike.gateway.integration;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.lambda.TestLambdaServer.Reply;
import dev.turnpike.test.lambda.TestLambdaServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lambda non-proxy integration ({@code aws}): the request template makes the event,
 * the function's output is the integration response, and a function error's message
 * selects the integration response.
 */
class LambdaIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String API = """
			openapi: 3.0.1
			info: {title: Calc, version: "1"}
			paths:
			  /add/{a}:
			    get:
			      x-amazon-apigateway-integration:
			        type: aws
			        httpMethod: POST
			        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/calculator/invocations
			        requestTemplates:
			          application/json: '{"a": $input.params(''a''), "b": "$input.params(''b'')", "caller": "$context.identity.sourceIp"}'
			        responses:
			          ".*not a number.*":
			            statusCode: "400"
			            responseTemplates:
			              application/json: '{"problem": "$util.escapeJavaScript($input.path(''$.errorMessage''))"}'
			          ".*overflow.*":
			            statusCode: "422"
			          default:
			            statusCode: "200"
			            responseParameters:
			              method.response.header.X-Sum: integration.response.body.sum
			            responseTemplates:
			              application/json: '{"result": $input.path(''$.sum'')}'
			  /raw:
			    post:
			      x-amazon-apigateway-integration:
			        type: aws
			        httpMethod: POST
			        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/echo/invocations
			        responses:
			          default:
			            statusCode: "200"
			""";

	@TempDir
	static Path configDir;

	static TestLambdaServer lambda;

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		lambda = TestLambdaServer.start();
		lambda.function("calculator", event -> {
			JsonNode input = JSON.readTree(event);
			if (!input.get("b").asString().matches("-?\\d+")) {
				return Reply.error("b is not a number");
			}
			if (input.get("a").asLong() > 1000) {
				return Reply.error("overflow!");
			}
			if (input.get("a").asLong() == 13) {
				return Reply.error("unlucky");
			}
			return Reply
				.json("{\"sum\": " + (input.get("a").asLong() + Long.parseLong(input.get("b").asString())) + "}");
		}).function("echo", event -> Reply.json(new String(event)));
		TestConfigRepo.in(configDir).api("calc", API).stage("calc", "prod", Map.of());
		gateway = RunningGateway.start(configDir, "turnpike.lambda.endpoint-url=" + lambda.endpoint());
	}

	@AfterAll
	static void stop() {
		gateway.close();
		lambda.close();
	}

	@BeforeEach
	void reset() {
		lambda.reset();
	}

	@Test
	void requestTemplateMakesTheEventAndResponseTemplateShapesTheOutput() {
		gateway.api("calc")
			.get()
			.uri("/prod/add/2?b=3")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Sum", "5")
			.expectHeader()
			.valueEquals("Content-Type", "application/json")
			.expectBody()
			.json("{\"result\": 5}", true);
		assertThat(lambda.lastEvent("calculator")).isEqualTo("{\"a\": 2, \"b\": \"3\", \"caller\": \"127.0.0.1\"}");
	}

	@Test
	void functionErrorMessageSelectsTheIntegrationResponse() {
		gateway.api("calc")
			.get()
			.uri("/prod/add/2?b=x")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.json("{\"problem\": \"b is not a number\"}", true);
		gateway.api("calc")
			.get()
			.uri("/prod/add/2000?b=1")
			.exchange()
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.json("{\"errorMessage\":\"overflow!\",\"errorType\":\"Error\"}", true);
	}

	@Test
	void unmatchedFunctionErrorFallsToTheDefaultResponseAsOnAws() {
		// the default response's template renders over the error payload, which has no
		// sum: just what AWS would send
		gateway.api("calc")
			.get()
			.uri("/prod/add/13?b=1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("{\"result\": }");
	}

	@Test
	void withoutTemplatesTheBodyPassesThroughAndAnEmptyBodyIsAnEmptyObject() {
		gateway.api("calc")
			.post()
			.uri("/prod/raw")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"x\":[1,2]}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"x\":[1,2]}", true);
		gateway.api("calc").post().uri("/prod/raw").exchange().expectStatus().isOk().expectBody().json("{}", true);
	}

}
