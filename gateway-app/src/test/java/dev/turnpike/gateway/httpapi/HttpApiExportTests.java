package dev.turnpike.gateway.httpapi;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.HttpMethod;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.backend.TestBackend;
import dev.turnpike.test.lambda.TestLambdaServer;
import dev.turnpike.test.lambda.TestLambdaServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole HTTP API export, in the shape {@code aws apigatewayv2 export-api
 * --output-type YAML --specification OAS30} writes (servers with the basePath variable,
 * tags, the import/export version, shared integrations under {@code components}
 * referenced with {@code $ref}, a JWT and a simple-response Lambda authorizer, CORS,
 * parameter mapping, payload 2.0, the {@code $default} route), committed unchanged and
 * served.
 */
class HttpApiExportTests {

	private static final String EXPORT = """
			openapi: "3.0.1"
			info:
			  title: "orders-http"
			  version: "2026-11-30 09:12:44UTC"
			servers:
			- url: "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/{basePath}"
			  variables:
			    basePath:
			      default: ""
			tags:
			- name: "team"
			  x-amazon-apigateway-tag-value: "orders"
			paths:
			  /orders:
			    get:
			      responses:
			        default:
			          description: "Default response for GET /orders"
			      security:
			      - orders-jwt:
			        - "orders/read"
			      x-amazon-apigateway-integration:
			        $ref: "#/components/x-amazon-apigateway-integrations/orders-backend"
			    post:
			      responses:
			        default:
			          description: "Default response for POST /orders"
			      security:
			      - gatekeeper: []
			      x-amazon-apigateway-integration:
			        $ref: "#/components/x-amazon-apigateway-integrations/orders-lambda"
			  /$default:
			    x-amazon-apigateway-any-method:
			      isDefaultRoute: true
			      x-amazon-apigateway-integration:
			        $ref: "#/components/x-amazon-apigateway-integrations/orders-backend"
			components:
			  securitySchemes:
			    orders-jwt:
			      type: "oauth2"
			      flows: {}
			      x-amazon-apigateway-authorizer:
			        identitySource: "$request.header.Authorization"
			        jwtConfiguration:
			          audience:
			          - "orders-api"
			          issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE"
			        type: "jwt"
			    gatekeeper:
			      type: "apiKey"
			      name: "X-Gate"
			      in: "header"
			      x-amazon-apigateway-authorizer:
			        identitySource: "$request.header.X-Gate"
			        authorizerUri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:gatekeeper/invocations"
			        authorizerPayloadFormatVersion: "2.0"
			        authorizerResultTtlInSeconds: 300
			        type: "request"
			        enableSimpleResponses: true
			  x-amazon-apigateway-integrations:
			    orders-backend:
			      type: "http_proxy"
			      httpMethod: "ANY"
			      uri: "${stageVariables.backend}"
			      payloadFormatVersion: "1.0"
			      connectionType: "INTERNET"
			      requestParameters:
			        "append:header.x-gateway": "turnpike"
			    orders-lambda:
			      type: "aws_proxy"
			      httpMethod: "POST"
			      uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders/invocations"
			      connectionType: "INTERNET"
			      payloadFormatVersion: "2.0"
			x-amazon-apigateway-cors:
			  allowMethods:
			  - "GET"
			  - "POST"
			  allowHeaders:
			  - "content-type"
			  - "x-gate"
			  maxAge: 600
			  allowCredentials: false
			  allowOrigins:
			  - "https://shop.example.com"
			x-amazon-apigateway-importexport-version: "1.0"
			""";

	@TempDir
	static Path configDir;

	static TestBackend backend;

	static TestLambdaServer lambda;

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		backend = TestBackend.start();
		lambda = TestLambdaServer.start();
		lambda.function("gatekeeper", event -> Reply.json("{\"isAuthorized\":true,\"context\":{\"shop\":\"s-1\"}}"))
			.function("orders", event -> Reply.json("{\"statusCode\":201,\"body\":\"created\"}"));
		TestConfigRepo.in(configDir)
			.api("orders", EXPORT)
			.stage("orders", "$default", Map.of("backend", backend.baseUrl()));
		gateway = RunningGateway.start(configDir, "turnpike.lambda.endpoint-url=" + lambda.endpoint(),
				"turnpike.aws.account-id=123456789012");
	}

	@AfterAll
	static void stop() {
		gateway.close();
		lambda.close();
		backend.close();
	}

	@Test
	void theExportIsServedAsCommitted() throws Exception {
		// The $default route, through the shared integration and its parameter mapping.
		gateway.api("orders").get().uri("/catalog/7?x=1").exchange().expectStatus().isOk();
		assertThat(backend.lastRequest().pathAndQuery()).isEqualTo("/catalog/7?x=1");
		assertThat(backend.lastRequest().header("x-gateway")).isEqualTo("turnpike");

		// The Lambda route behind the simple-response authorizer, payload 2.0.
		gateway.api("orders")
			.post()
			.uri("/orders")
			.header("X-Gate", "g-1")
			.bodyValue("{\"item\":1}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(String.class)
			.isEqualTo("created");
		APIGatewayV2HTTPEvent event = LambdaEventSerializers
			.serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader())
			.fromJson(new ByteArrayInputStream(lambda.invocations("orders").get(0)));
		assertThat(event.getRouteKey()).isEqualTo("POST /orders");
		assertThat(event.getRequestContext().getAuthorizer().getLambda()).containsEntry("shop", "s-1");

		// The JWT route fails closed without a token; CORS answers the preflight.
		gateway.api("orders").get().uri("/orders").exchange().expectStatus().isUnauthorized();
		gateway.api("orders")
			.method(HttpMethod.OPTIONS)
			.uri("/orders")
			.header("Origin", "https://shop.example.com")
			.header("Access-Control-Request-Method", "POST")
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectHeader()
			.valueEquals("Access-Control-Allow-Origin", "https://shop.example.com")
			.expectHeader()
			.valueEquals("Access-Control-Allow-Headers", "content-type,x-gate");
	}

}
