package dev.turnpike.gateway.responses;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.backend.TestBackend;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every client-visible error is an AWS gateway response: default statuses, bodies and
 * {@code x-amzn-ErrorType}, and per-API customisation through
 * {@code x-amazon-apigateway-gateway-responses}.
 */
class GatewayResponsesTests {

	private static final String API_TEMPLATE = """
			openapi: 3.0.1
			info: {title: %1$s, version: "1"}
			paths:
			  /slow:
			    post:
			      x-amazon-apigateway-integration:
			        type: http_proxy
			        httpMethod: POST
			        uri: ${stageVariables.backend}/slow
			        timeoutInMillis: 300
			  /down:
			    get:
			      x-amazon-apigateway-integration:
			        type: http_proxy
			        httpMethod: GET
			        uri: ${stageVariables.closed}/down
			  /upload:
			    post:
			      x-amazon-apigateway-integration:
			        type: http_proxy
			        httpMethod: POST
			        uri: ${stageVariables.backend}/upload
			%2$s
			""";

	private static final String CUSTOMISED = """
			x-amazon-apigateway-gateway-responses:
			  MISSING_AUTHENTICATION_TOKEN:
			    statusCode: 404
			    responseParameters:
			      gatewayresponse.header.Access-Control-Allow-Origin: "'a.b.c'"
			      gatewayresponse.header.x-request-header: method.request.header.X-Trace
			      gatewayresponse.header.x-request-query: method.request.querystring.q
			      gatewayresponse.header.x-stage-variable: stageVariables.color
			    responseTemplates:
			      application/json: '{"message":$context.error.messageString,"type":"$context.error.responseType","stage":"$context.stage","color":"$stageVariables.color","requestId":"$context.requestId","unknown":"$context.nope"}'
			  DEFAULT_5XX:
			    statusCode: 599
			    responseParameters:
			      gatewayresponse.header.x-5xx: "'yes'"
			    responseTemplates:
			      application/json: '{"error":$context.error.messageString}'
			  INTEGRATION_TIMEOUT:
			    responseParameters:
			      gatewayresponse.header.x-timeout: "'yes'"
			  DEFAULT_4XX:
			    responseParameters:
			      gatewayresponse.header.x-4xx: "'yes'"
			""";

	@TempDir
	static Path configDir;

	static TestBackend backend;

	static RunningGateway gateway;

	@BeforeAll
	static void start() throws Exception {
		backend = TestBackend.start();
		String closed = "http://127.0.0.1:" + closedPort();
		TestConfigRepo repo = TestConfigRepo.in(configDir);
		repo.api("plain", API_TEMPLATE.formatted("Plain", ""));
		repo.api("custom", API_TEMPLATE.formatted("Custom", CUSTOMISED));
		Map<String, String> variables = Map.of("backend", backend.baseUrl(), "closed", closed, "color", "teal");
		repo.stage("plain", "prod", variables).stage("custom", "prod", variables);
		gateway = RunningGateway.start(configDir);
	}

	private static int closedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@AfterAll
	static void stop() {
		gateway.close();
		backend.close();
	}

	@BeforeEach
	void reset() {
		backend.reset();
		backend.respond("/slow", TestBackend.Response.json(200, "{}").delayedBy(Duration.ofSeconds(3)));
		backend.respond("/upload", TestBackend.Response.json(200, "{\"stored\":true}"));
	}

	@Test
	void integrationTimeoutAnswers504EndpointRequestTimedOut() {
		long start = System.nanoTime();
		gateway.api("plain")
			.post()
			.uri("/prod/slow")
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "InternalServerErrorException")
			.expectHeader()
			.exists("x-amzn-RequestId")
			.expectBody()
			.json("{\"message\":\"Endpoint request timed out\"}", true);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
	}

	@Test
	void unreachableBackendAnswers502InternalServerError() {
		gateway.api("plain")
			.get()
			.uri("/prod/down")
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "InternalServerErrorException")
			.expectBody()
			.json("{\"message\":\"Internal server error\"}", true);
	}

	@Test
	void bodyOverTenMegabytesWithContentLengthAnswers413AndNeverReachesBackend() {
		byte[] body = new byte[10 * 1024 * 1024 + 1];
		gateway.api("plain")
			.post()
			.uri("/prod/upload")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "RequestTooLargeException")
			.expectBody()
			.json("{\"message\":\"Request Too Long\"}", true);
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void chunkedBodyOverTenMegabytesAnswers413() {
		Flux<DataBuffer> chunks = Flux.range(0, 11).map(i -> {
			byte[] megabyte = new byte[1024 * 1024];
			Arrays.fill(megabyte, (byte) 'a');
			return DefaultDataBufferFactory.sharedInstance.wrap(megabyte);
		});
		gateway.api("plain")
			.post()
			.uri("/prod/upload")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(chunks, DataBuffer.class)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "RequestTooLargeException");
	}

	@Test
	void bodyAtTheLimitIsAccepted() {
		byte[] body = new byte[10 * 1024 * 1024];
		gateway.api("plain")
			.post()
			.uri("/prod/upload")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"stored\":true}");
		assertThat(backend.lastRequest().body()).hasSize(body.length);
	}

	@Test
	void unknownMethodNameIsAGatewayResponseNotAServerError() {
		gateway.api("plain")
			.method(HttpMethod.valueOf("PROPFIND"))
			.uri("/prod/slow")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.json("{\"message\":\"Missing Authentication Token\"}", true);
	}

	@Test
	void customisedTypeUsesItsStatusHeadersAndTemplate() {
		gateway.api("custom")
			.get()
			.uri("/prod/nowhere?q=search")
			.header("X-Trace", "t-1")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "MissingAuthenticationTokenException")
			.expectHeader()
			.valueEquals("Access-Control-Allow-Origin", "a.b.c")
			.expectHeader()
			.valueEquals("x-request-header", "t-1")
			.expectHeader()
			.valueEquals("x-request-query", "search")
			.expectHeader()
			.valueEquals("x-stage-variable", "teal")
			.expectHeader()
			.doesNotExist("x-4xx")
			.expectBody()
			.jsonPath("$.message")
			.isEqualTo("Missing Authentication Token")
			.jsonPath("$.type")
			.isEqualTo("MISSING_AUTHENTICATION_TOKEN")
			.jsonPath("$.stage")
			.isEqualTo("prod")
			.jsonPath("$.color")
			.isEqualTo("teal")
			.jsonPath("$.requestId")
			.value(id -> assertThat((String) id).matches("[0-9a-f-]{36}"))
			.jsonPath("$.unknown")
			.isEqualTo("");
	}

	@Test
	void uncustomisedTypeFallsBackToDefault5xxCustomisation() {
		gateway.api("custom")
			.get()
			.uri("/prod/down")
			.exchange()
			.expectStatus()
			.isEqualTo(599)
			.expectHeader()
			.valueEquals("x-5xx", "yes")
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "InternalServerErrorException")
			.expectBody()
			.json("{\"error\":\"Internal server error\"}", true);
	}

	@Test
	void explicitlyCustomisedTypeIgnoresDefaultGroupCustomisation() {
		gateway.api("custom")
			.post()
			.uri("/prod/slow")
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectHeader()
			.valueEquals("x-timeout", "yes")
			.expectHeader()
			.doesNotExist("x-5xx")
			.expectBody()
			.json("{\"message\":\"Endpoint request timed out\"}", true);
	}

	@Test
	void default4xxCustomisationAppliesToUncustomised4xxTypes() {
		byte[] body = new byte[10 * 1024 * 1024 + 1];
		gateway.api("custom")
			.post()
			.uri("/prod/upload")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.valueEquals("x-4xx", "yes");
	}

}
