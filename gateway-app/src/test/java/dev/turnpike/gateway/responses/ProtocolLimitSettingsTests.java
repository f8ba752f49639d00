package dev.turnpike.gateway.responses;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.turnpike.gateway.support.RawHttpConnection;
import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;

import static dev.turnpike.gateway.support.Integrations.mock;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request limits checked before routing follow {@code turnpike.limits.*}: a gateway
 * with low limits refuses what the defaults (AWS's values) accept.
 */
class ProtocolLimitSettingsTests {

	private static final String HOST = "Host: shop.execute-api.turnpike.test\r\n";

	@TempDir
	static Path configDir;

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		TestConfigRepo.in(configDir).api("shop", """
				openapi: 3.0.1
				info: {title: Shop, version: "1"}
				paths:
				  /items:
				    get: {x-amazon-apigateway-integration: %s}
				""".formatted(mock("items"))).stage("shop", "prod", Map.of());
		gateway = RunningGateway.start(configDir, "turnpike.limits.max-header-count=5",
				"turnpike.limits.max-uri-length=64", "turnpike.limits.max-header-values-size=200B");
	}

	@AfterAll
	static void stop() {
		gateway.close();
	}

	@Test
	void requestWithinTheLimitsThenServed() {
		String target = "/prod/items?q=" + "d".repeat(64 - "/prod/items?q=".length());
		String headers = HOST + "A: 1\r\nB: 2\r\nC: 3\r\nX-Big: " + "e".repeat(200 - 30 - 3) + "\r\n";

		assertThat(RawHttpConnection.exchange(gateway.port(), "GET " + target + " HTTP/1.1\r\n" + headers + "\r\n")
			.status()).isEqualTo(200);
	}

	@Test
	void moreHeadersThanMaxHeaderCountThen431() {
		RawHttpConnection.Response response = RawHttpConnection.exchange(gateway.port(),
				"GET /prod/items HTTP/1.1\r\n" + HOST + "A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n\r\n");

		ProtocolErrorResponsesTests.assertGatewayResponse(response, 431, "RequestHeaderFieldsTooLargeException",
				"Request Header Fields Too Large");
	}

	@Test
	void headerValuesOverMaxHeaderValuesSizeThen431() {
		RawHttpConnection.Response response = RawHttpConnection.exchange(gateway.port(),
				"GET /prod/items HTTP/1.1\r\n" + HOST + "X-Big: " + "e".repeat(200 - 30 + 1) + "\r\n\r\n");

		ProtocolErrorResponsesTests.assertGatewayResponse(response, 431, "RequestHeaderFieldsTooLargeException",
				"Request Header Fields Too Large");
	}

	@Test
	void targetOverMaxUriLengthThen414() {
		String target = "/prod/items?q=" + "d".repeat(65 - "/prod/items?q=".length());

		RawHttpConnection.Response response = RawHttpConnection.exchange(gateway.port(),
				"GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n");

		ProtocolErrorResponsesTests.assertGatewayResponse(response, 414, "RequestUriTooLongException",
				"Request URI too long");
	}

}
