package dev.turnpike.gateway.responses;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.turnpike.gateway.support.RawHttpConnection;
import dev.turnpike.gateway.support.RawHttpConnection.Response;
import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.backend.TestBackend;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that are not valid HTTP or break the request limits are answered as gateway
 * responses (status, {@code {"message": ...}}, {@code x-amzn-ErrorType}, a fresh
 * {@code x-amzn-RequestId}) with the connection closed, and never reach a backend. Sent
 * over a raw socket: the JDK's client refuses to send most of them.
 */
class ProtocolErrorResponsesTests {

	private static final Pattern UUID = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

	private static final String HOST = "Host: shop.execute-api.turnpike.test\r\n";

	@TempDir
	static Path configDir;

	static TestBackend backend;

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		backend = TestBackend.start();
		TestConfigRepo.in(configDir).api("shop", """
				openapi: 3.0.1
				info: {title: Shop, version: "1"}
				paths:
				  /{proxy+}:
				    x-amazon-apigateway-any-method:
				      parameters: [{name: proxy, in: path, required: true}]
				      x-amazon-apigateway-integration:
				        type: http_proxy
				        httpMethod: ANY
				        uri: ${stageVariables.backend}/{proxy}
				        requestParameters: {integration.request.path.proxy: method.request.path.proxy}
				""").stage("shop", "prod", Map.of("backend", backend.baseUrl()));
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

	@Test
	void headerValuesOverTenKilobytesThen431AndNotForwarded() {
		Response response = RawHttpConnection.exchange(gateway.port(),
				"GET /prod/items HTTP/1.1\r\n" + HOST + "X-Big: " + "a".repeat(10_240) + "\r\n\r\n");

		assertGatewayResponse(response, 431, "RequestHeaderFieldsTooLargeException", "Request Header Fields Too Large");
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void headerValuesJustUnderTenKilobytesThenForwarded() {
		// 10 240 bytes of values in all: the Host value (30 bytes) and X-Big.
		Response response = RawHttpConnection.exchange(gateway.port(),
				"GET /prod/items HTTP/1.1\r\n" + HOST + "X-Big: " + "a".repeat(10_240 - 30) + "\r\n\r\n");

		assertThat(response.status()).isEqualTo(200);
		assertThat(backend.lastRequest().header("x-big")).hasSize(10_240 - 30);
	}

	@Test
	void headerSectionFarOverTheLimitThen431FromTheDecoder() {
		StringBuilder request = new StringBuilder("GET /prod/items HTTP/1.1\r\n" + HOST);
		for (int i = 0; i < 60; i++) {
			request.append("X-Filler-").append(i).append(": ").append("b".repeat(1_000)).append("\r\n");
		}
		Response response = RawHttpConnection.exchange(gateway.port(), request.append("\r\n").toString());

		assertGatewayResponse(response, 431, "RequestHeaderFieldsTooLargeException", "Request Header Fields Too Large");
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void moreThanOneHundredHeadersThen431() {
		StringBuilder request = new StringBuilder("GET /prod/items HTTP/1.1\r\n" + HOST);
		for (int i = 0; i < 100; i++) {
			request.append("X-H").append(i).append(": v\r\n");
		}
		Response response = RawHttpConnection.exchange(gateway.port(), request.append("\r\n").toString());

		assertGatewayResponse(response, 431, "RequestHeaderFieldsTooLargeException", "Request Header Fields Too Large");
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void oneHundredHeadersThenForwarded() {
		StringBuilder request = new StringBuilder("GET /prod/items HTTP/1.1\r\n" + HOST);
		for (int i = 0; i < 99; i++) {
			request.append("X-H").append(i).append(": v\r\n");
		}
		Response response = RawHttpConnection.exchange(gateway.port(), request.append("\r\n").toString());

		assertThat(response.status()).isEqualTo(200);
		assertThat(backend.lastRequest().header("x-h98")).isEqualTo("v");
	}

	@Test
	void uriOverTenThousandTwoHundredFortyCharactersThen414() {
		String target = "/prod/items?q=" + "c".repeat(10_241 - "/prod/items?q=".length());
		Response response = RawHttpConnection.exchange(gateway.port(),
				"GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n");

		assertGatewayResponse(response, 414, "RequestUriTooLongException", "Request URI too long");
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void requestLineFarOverTheLimitThen414FromTheDecoder() {
		String target = "/prod/items?q=" + "c".repeat(20_000);
		Response response = RawHttpConnection.exchange(gateway.port(),
				"GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n");

		assertGatewayResponse(response, 414, "RequestUriTooLongException", "Request URI too long");
	}

	@Test
	void uriOfTenThousandTwoHundredFortyCharactersThenForwarded() {
		String target = "/prod/items?q=" + "c".repeat(10_240 - "/prod/items?q=".length());
		Response response = RawHttpConnection.exchange(gateway.port(),
				"GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n");

		assertThat(response.status()).isEqualTo(200);
		assertThat(backend.lastRequest().rawQuery()).hasSize(10_240 - "/prod/items?".length());
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "/prod/%zz", "/prod/items%", "/prod/items%2", "/prod/items?q=%G1", "/prod/a|b", "/prod/{x}" })
	void targetThatIsNotAUriThen400(String target) {
		Response response = RawHttpConnection.exchange(gateway.port(),
				"GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n");

		assertGatewayResponse(response, 400, "BadRequestException", "Bad Request");
		assertThat(backend.requestCount()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "X-Test: a\u0000b", "X-Test: a\u0001b", "X-Test: a\u007fb", "X-Test: a\rb" })
	void controlCharacterInHeaderValueThen400(String header) {
		Response response = RawHttpConnection.exchange(gateway.port(),
				"GET /prod/items HTTP/1.1\r\n" + HOST + header + "\r\n\r\n");

		assertGatewayResponse(response, 400, "BadRequestException", "Bad Request");
		assertThat(backend.requestCount()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Bad Name: x", "X(y): z", "X-Test : spaced", "X\u0000Nul: x", ": no-name", "X-Ü: umlaut" })
	void invalidHeaderNameThen400(String header) {
		Response response = RawHttpConnection.exchange(gateway.port(),
				"GET /prod/items HTTP/1.1\r\n" + HOST + header + "\r\n\r\n");

		assertGatewayResponse(response, 400, "BadRequestException", "Bad Request");
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void contentLengthWithTransferEncodingThen400AndNotForwarded() {
		Response response = RawHttpConnection.exchange(gateway.port(), "POST /prod/items HTTP/1.1\r\n" + HOST
				+ "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /prod/smuggled HTTP/1.1\r\n"
				+ HOST + "\r\n");

		assertGatewayResponse(response, 400, "BadRequestException", "Bad Request");
		assertThat(backend.requestCount()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Content-Length: 5\r\nContent-Length: 6", "Content-Length: 5\r\nContent-Length: 5",
			"Content-Length: 5, 6", "Content-Length: -5", "Content-Length: 5x", "Transfer-Encoding: gzip",
			"Transfer-Encoding: chunked, gzip" })
	void conflictingOrInvalidBodyFramingThen400AndNotForwarded(String framing) {
		Response response = RawHttpConnection.exchange(gateway.port(),
				"POST /prod/items HTTP/1.1\r\n" + HOST + framing + "\r\n\r\nhello");

		assertGatewayResponse(response, 400, "BadRequestException", "Bad Request");
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void transferEncodingOnHttp10Then400AndNotForwarded() {
		Response response = RawHttpConnection.exchange(gateway.port(),
				"POST /prod/items HTTP/1.0\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");

		assertGatewayResponse(response, 400, "BadRequestException", "Bad Request");
		assertThat(backend.requestCount()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Host: shop.execute-api.turnpike.test:notaport", "Host: a\r\nHost: b", "Host: exa\"mple" })
	void invalidOrRepeatedHostThen400(String host) {
		Response response = RawHttpConnection.exchange(gateway.port(),
				"GET /prod/items HTTP/1.1\r\n" + host + "\r\n\r\n");

		assertGatewayResponse(response, 400, "BadRequestException", "Bad Request");
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void malformedRequestLineThen400() {
		Response response = RawHttpConnection.exchange(gateway.port(),
				"GET /prod/items HTTP/9.9 extra\r\n" + HOST + "\r\n");

		assertGatewayResponse(response, 400, "BadRequestException", "Bad Request");
	}

	@Test
	void obsFoldContinuationThenUnfoldedIntoOneLine() {
		// RFC 9112 §5.2: a server either rejects obs-fold or replaces it with spaces
		// before using or forwarding the
		// header. Netty's decoder replaces it; what matters is that no fold (no CR or LF)
		// reaches the backend.
		Response response = RawHttpConnection.exchange(gateway.port(),
				"GET /prod/items HTTP/1.1\r\n" + HOST + "X-Folded: first\r\n  second\r\n\tthird\r\n\r\n");

		assertThat(response.status()).isEqualTo(200);
		assertThat(backend.lastRequest().header("x-folded")).isEqualTo("first second third");
	}

	@Test
	void keepAliveConnectionServesRequestsAfterAGoodOne() {
		try (RawHttpConnection connection = RawHttpConnection.open(gateway.port())) {
			Response first = connection.send("GET /prod/one HTTP/1.1\r\n" + HOST + "\r\n").read();
			Response second = connection.send("GET /prod/two HTTP/1.1\r\n" + HOST + "\r\n").read();

			assertThat(first.status()).isEqualTo(200);
			assertThat(second.status()).isEqualTo(200);
			assertThat(second.header("Connection")).isNull();
			assertThat(backend.requests()).extracting(r -> r.path()).containsExactly("/one", "/two");
		}
	}

	@Test
	void pipelinedBadRequestIsAnsweredAfterTheGoodOneBeforeIt() {
		try (RawHttpConnection connection = RawHttpConnection.open(gateway.port())) {
			connection.send("GET /prod/one HTTP/1.1\r\n" + HOST + "\r\nGET /prod/%zz HTTP/1.1\r\n" + HOST
					+ "\r\nGET /prod/three HTTP/1.1\r\n" + HOST + "\r\n");

			Response first = connection.read();
			Response second = connection.read();

			assertThat(first.status()).isEqualTo(200);
			assertGatewayResponse(second, 400, "BadRequestException", "Bad Request");
			assertThat(connection.isClosedByServer()).isTrue();
			assertThat(backend.requests()).extracting(r -> r.path()).containsExactly("/one");
		}
	}

	@Test
	void pipelinedBadlyFramedRequestIsAnsweredAfterTheGoodOneBeforeIt() {
		try (RawHttpConnection connection = RawHttpConnection.open(gateway.port())) {
			connection.send("GET /prod/one HTTP/1.1\r\n" + HOST + "\r\nPOST /prod/two HTTP/1.1\r\n" + HOST
					+ "Content-Length: 1\r\nContent-Length: 2\r\n\r\nab");

			Response first = connection.read();
			Response second = connection.read();

			assertThat(first.status()).isEqualTo(200);
			assertGatewayResponse(second, 400, "BadRequestException", "Bad Request");
			assertThat(connection.isClosedByServer()).isTrue();
			assertThat(backend.requests()).extracting(r -> r.path()).containsExactly("/one");
		}
	}

	@Test
	void requestIdsAreFreshPerRejection() {
		Response first = RawHttpConnection.exchange(gateway.port(), "GET /prod/%zz HTTP/1.1\r\n" + HOST + "\r\n");
		Response second = RawHttpConnection.exchange(gateway.port(), "GET /prod/%zz HTTP/1.1\r\n" + HOST + "\r\n");

		assertThat(first.header("x-amzn-RequestId")).isNotEqualTo(second.header("x-amzn-RequestId"));
	}

	@Test
	void rejectionsThenCountedByResponseTypeOnTheManagementPort() {
		RawHttpConnection.exchange(gateway.port(), "GET /prod/%zz HTTP/1.1\r\n" + HOST + "\r\n");

		gateway.management()
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value(body -> assertThat(body).containsPattern(
					"turnpike_api_rejections_total\\{[^}]*api=\"none\"[^}]*type=\"MALFORMED_REQUEST\"[^}]*} [1-9]"));
	}

	static void assertGatewayResponse(Response response, int status, String errorType, String message) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.header("Content-Type")).isEqualTo("application/json");
		assertThat(response.body()).isEqualTo("{\"message\":\"" + message + "\"}");
		assertThat(response.header("x-amzn-ErrorType")).isEqualTo(errorType);
		assertThat(response.header("x-amzn-RequestId")).matches(UUID);
		assertThat(response.header("Connection")).isEqualTo("close");
	}

}
