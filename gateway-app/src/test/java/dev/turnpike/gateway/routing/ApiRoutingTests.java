package dev.turnpike.gateway.routing;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;

import static dev.turnpike.gateway.support.Integrations.mock;

/**
 * Resource and method matching over real HTTP, with the cases recorded against real API
 * Gateway, and stage resolution by execute-api host and by custom domain base path
 * mappings.
 */
class ApiRoutingTests {

	@TempDir
	static Path configDir;

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		TestConfigRepo repo = TestConfigRepo.in(configDir);
		repo.api("shop",
				"""
						openapi: 3.0.1
						info: {title: Shop, version: "1"}
						paths:
						  /part1:
						    get: {x-amazon-apigateway-integration: %s}
						  /part1/hardcoded-value:
						    get: {x-amazon-apigateway-integration: %s}
						  /test:
						    post: {x-amazon-apigateway-integration: %s}
						  /test/any:
						    x-amazon-apigateway-any-method: {x-amazon-apigateway-integration: %s}
						  /pets/{petId}:
						    get: {x-amazon-apigateway-integration: %s}
						    x-amazon-apigateway-any-method: {x-amazon-apigateway-integration: %s}
						  /pets/mine:
						    get: {x-amazon-apigateway-integration: %s}
						  /{param+}:
						    get: {x-amazon-apigateway-integration: %s}
						    options: {x-amazon-apigateway-integration: %s}
						  /:
						    get: {x-amazon-apigateway-integration: %s}
						""".formatted(mock("part1"), mock("hardcoded"), mock("post-test"), mock("any-test-any"),
						mock("get-pet"), mock("any-pet"), mock("mine"), mock("get-greedy"), mock("options-greedy"),
						mock("root")));
		repo.stage("shop", "prod", Map.of()).stage("shop", "dev", Map.of());
		repo.api("admin", """
				openapi: 3.0.1
				info: {title: Admin, version: "1"}
				paths:
				  /users:
				    get: {x-amazon-apigateway-integration: %s}
				""".formatted(mock("admin-users")));
		repo.stage("admin", "live", Map.of());
		repo.gatewayYaml("""
				domains:
				  api.example.test:
				    (none): shop/prod
				    v2: shop/dev
				    v2/admin: admin/live
				""");
		gateway = RunningGateway.start(configDir);
	}

	@AfterAll
	static void stop() {
		gateway.close();
	}

	private static void expectRoute(WebTestClient client, HttpMethod method, String path, String route) {
		client.method(method)
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.route")
			.isEqualTo(route);
	}

	private static void expectMissingAuthenticationToken(WebTestClient client, HttpMethod method, String path) {
		client.method(method)
			.uri(path)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "MissingAuthenticationTokenException")
			.expectHeader()
			.contentType("application/json")
			.expectHeader()
			.exists("x-amzn-RequestId")
			.expectBody()
			.json("{\"message\":\"Missing Authentication Token\"}", true);
	}

	@Test
	void literalResourceWinsOverGreedySibling() {
		expectRoute(gateway.api("shop"), HttpMethod.GET, "/prod/part1", "part1");
		expectRoute(gateway.api("shop"), HttpMethod.GET, "/prod/part1/hardcoded-value", "hardcoded");
	}

	@Test
	void literalPrefixWithoutMatchingChildFallsBackToRootGreedy() {
		expectRoute(gateway.api("shop"), HttpMethod.GET, "/prod/part1/random-value", "get-greedy");
	}

	@Test
	void resourceWithoutRequestedMethodFallsBackToGreedyResourceHavingIt() {
		expectRoute(gateway.api("shop"), HttpMethod.OPTIONS, "/prod/test", "options-greedy");
		expectRoute(gateway.api("shop"), HttpMethod.OPTIONS, "/prod/test/any", "any-test-any");
		expectRoute(gateway.api("shop"), HttpMethod.DELETE, "/prod/test/any", "any-test-any");
	}

	@Test
	void corsPreflightRequestReachesApisOwnOptionsMethod() {
		gateway.api("shop")
			.options()
			.uri("/prod/test")
			.header("Origin", "https://app.example")
			.header("Access-Control-Request-Method", "POST")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.route")
			.isEqualTo("options-greedy");
	}

	@Test
	void explicitMethodBeatsAnyOnSameResourceAndLiteralBeatsParam() {
		expectRoute(gateway.api("shop"), HttpMethod.GET, "/prod/pets/7", "get-pet");
		expectRoute(gateway.api("shop"), HttpMethod.PUT, "/prod/pets/7", "any-pet");
		expectRoute(gateway.api("shop"), HttpMethod.GET, "/prod/pets/mine", "mine");
	}

	@Test
	void trailingSlashIsIgnoredAndRootResourceIsServedAtStageRoot() {
		expectRoute(gateway.api("shop"), HttpMethod.GET, "/prod/part1/", "part1");
		expectRoute(gateway.api("shop"), HttpMethod.GET, "/prod", "root");
		expectRoute(gateway.api("shop"), HttpMethod.GET, "/prod/", "root");
	}

	@Test
	void unmatchedMethodAnswersMissingAuthenticationToken() {
		expectMissingAuthenticationToken(gateway.api("shop"), HttpMethod.DELETE, "/prod/part1");
		expectMissingAuthenticationToken(gateway.api("shop"), HttpMethod.PATCH, "/prod/test");
		expectMissingAuthenticationToken(gateway.api("admin"), HttpMethod.GET, "/live/nope");
	}

	@Test
	void headIsNotServedByGet() {
		gateway.api("admin")
			.method(HttpMethod.HEAD)
			.uri("/live/users")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "MissingAuthenticationTokenException");
	}

	@Test
	void unknownStageApiOrHostAnswersForbidden() {
		for (WebTestClient client : new WebTestClient[] { gateway.api("shop"), gateway.api("nosuchapi") }) {
			client.get()
				.uri("/nostage/part1")
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectHeader()
				.valueEquals("x-amzn-ErrorType", "ForbiddenException")
				.expectHeader()
				.exists("x-amzn-RequestId")
				.expectBody()
				.json("{\"message\":\"Forbidden\"}", true);
		}
		gateway.client()
			.get()
			.uri("/prod/part1")
			.header("Host", "unknown.example.test")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.json("{\"message\":\"Forbidden\"}", true);
		gateway.api("shop").get().uri("/").exchange().expectStatus().isForbidden();
	}

	@Test
	void stagesOfOneApiAreServedSeparately() {
		expectRoute(gateway.api("shop"), HttpMethod.GET, "/dev/part1", "part1");
		expectRoute(gateway.api("admin"), HttpMethod.GET, "/live/users", "admin-users");
	}

	@Test
	void customDomainRoutesByLongestBasePathThenRoot() {
		WebTestClient domain = RunningGateway.testClient()
			.baseUrl(gateway.baseUrl())
			.defaultHeader("Host", "API.Example.test:443")
			.build();
		expectRoute(domain, HttpMethod.GET, "/part1", "part1");
		expectRoute(domain, HttpMethod.GET, "/v2/part1", "part1");
		expectRoute(domain, HttpMethod.GET, "/v2/admin/users", "admin-users");
		// "v2x" is not the base path "v2": the root mapping gets the whole path
		expectRoute(domain, HttpMethod.GET, "/v2x/part1", "get-greedy");
		expectMissingAuthenticationToken(domain, HttpMethod.GET, "/v2/admin/nope");
	}

}
