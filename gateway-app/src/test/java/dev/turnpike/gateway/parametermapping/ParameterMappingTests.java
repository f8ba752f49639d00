package dev.turnpike.gateway.parametermapping;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import dev.turnpike.gateway.config.ConfigProblem;
import dev.turnpike.gateway.config.ConfigRepositoryLoader;
import dev.turnpike.gateway.config.InvalidConfigException;
import dev.turnpike.gateway.config.LoaderSettings;
import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.backend.RecordedRequest;
import dev.turnpike.test.backend.TestBackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * HTTP API parameter mapping over real HTTP, seen by a recording backend: header and
 * query string overwrite/append/remove from the request, its body, the context and stage
 * variables; overwrite:path; response mapping by status code; and what the loader
 * refuses.
 */
class ParameterMappingTests {

	private static final String API = """
			openapi: "3.0.1"
			info: {title: mapped, version: "1"}
			x-amazon-apigateway-importexport-version: "1.0"
			paths:
			  /orders/{id}:
			    post:
			      x-amazon-apigateway-integration:
			        type: http_proxy
			        httpMethod: POST
			        uri: "${stageVariables.backend}/orders/{id}"
			        payloadFormatVersion: "1.0"
			        requestParameters:
			          "overwrite:header.x-tenant": "$request.header.x-org"
			          "append:header.x-trace": "gw-$context.requestId"
			          "remove:header.x-secret": "''"
			          "overwrite:querystring.page": "$request.querystring.p"
			          "append:querystring.source": "gateway"
			          "remove:querystring.debug": "''"
			          "overwrite:header.x-user": "$request.body.user.name"
			          "overwrite:header.x-first-item": "${request.body.items[0]}"
			          "overwrite:header.x-tier": "tier-$stageVariables.tier"
			          "overwrite:header.x-order": "$request.path.id"
			          "overwrite:header.x-missing": "$request.header.x-nobody-sends-this"
			          "overwrite:header.x-route": "$context.routeKey"
			        responseParameters:
			          "404":
			            "overwrite:statuscode": "410"
			            "overwrite:header.x-gone": "yes"
			          "200":
			            "append:header.x-mapped": "$response.header.x-backend"
			            "remove:header.x-internal": "''"
			  /strip/{proxy+}:
			    get:
			      x-amazon-apigateway-integration:
			        type: http_proxy
			        httpMethod: GET
			        uri: "${stageVariables.backend}/not-used"
			        requestParameters:
			          "overwrite:path": "/v2/$request.path.proxy"
			""";

	@TempDir
	static Path configDir;

	static TestBackend backend;

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		backend = TestBackend.start();
		TestConfigRepo.in(configDir)
			.api("mapped", API)
			.stage("mapped", "prod", Map.of("backend", backend.baseUrl(), "tier", "gold"));
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
		backend.respond("/orders/404", TestBackend.Response.json(404, "{\"message\":\"no such order\"}"));
		backend.respond("/orders/7",
				TestBackend.Response.json(200, "{\"ok\":true}")
					.withHeader("x-backend", "b1")
					.withHeader("x-internal", "secret"));
	}

	@Test
	void requestHeadersAndQueryAreMappedFromTheRequestItsBodyTheContextAndStageVariables() {
		EntityExchangeResult<String> result = gateway.api("mapped")
			.post()
			.uri("/prod/orders/7?p=3&debug=1&keep=1")
			.header("x-org", "acme")
			.header("x-trace", "client")
			.header("x-secret", "s3cret")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"user\":{\"name\":\"ann\"},\"items\":[\"apple\",\"pear\"]}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult();

		RecordedRequest request = backend.lastRequest();
		assertThat(request.path()).isEqualTo("/orders/7");
		assertThat(request.header("x-tenant")).isEqualTo("acme");
		String requestId = result.getResponseHeaders().getFirst("apigw-requestid");
		assertThat(request.headers().get("x-trace")).containsExactly("client", "gw-" + requestId);
		assertThat(request.headers()).doesNotContainKey("x-secret").doesNotContainKey("x-missing");
		assertThat(request.header("x-user")).isEqualTo("ann");
		assertThat(request.header("x-first-item")).isEqualTo("apple");
		assertThat(request.header("x-tier")).isEqualTo("tier-gold");
		assertThat(request.header("x-order")).isEqualTo("7");
		assertThat(request.header("x-route")).isEqualTo("POST /orders/{id}");
		assertThat(List.of(request.rawQuery().split("&"))).containsExactlyInAnyOrder("p=3", "keep=1", "page=3",
				"source=gateway");
		assertThat(request.bodyAsString()).isEqualTo("{\"user\":{\"name\":\"ann\"},\"items\":[\"apple\",\"pear\"]}");

		assertThat(result.getResponseBody()).isEqualTo("{\"ok\":true}");
		assertThat(result.getResponseHeaders().getFirst("x-mapped")).isEqualTo("b1");
		assertThat(result.getResponseHeaders().get("x-internal")).isNull();
	}

	@Test
	void anAnswerWithAMappedStatusCodeGetsItsStatusAndHeadersRewritten() {
		gateway.api("mapped")
			.post()
			.uri("/prod/orders/404")
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isEqualTo(410)
			.expectHeader()
			.valueEquals("x-gone", "yes")
			.expectBody()
			.json("{\"message\":\"no such order\"}", true);
	}

	@Test
	void overwritePathSetsThePathTheBackendGets() {
		gateway.api("mapped").get().uri("/prod/strip/a/b").exchange().expectStatus().isOk();
		assertThat(backend.lastRequest().path()).isEqualTo("/v2/a/b");
	}

	@Test
	void whatAwsRefusesIsRefusedAtLoadNamingFileAndField(@TempDir Path dir) {
		TestConfigRepo.in(dir).api("bad", """
				openapi: "3.0.1"
				info: {title: bad, version: "1"}
				x-amazon-apigateway-importexport-version: "1.0"
				paths:
				  /x:
				    get:
				      x-amazon-apigateway-integration:
				        type: http_proxy
				        httpMethod: GET
				        uri: http://x.test/x
				        requestParameters:
				          "overwrite:header.Host": "evil.test"
				          "rename:header.x-a": "b"
				          "overwrite:header.x-b": "$request.cookie.session"
				          "overwrite:header.x-c": "$response.header.x-d"
				        responseParameters:
				          "700": {"overwrite:statuscode": "200"}
				          "200": {"overwrite:header.x-e": "$response.body.id"}
				""").write("apis/bad/stages/prod.yaml", "{}\n");
		InvalidConfigException ex = catchThrowableOfType(InvalidConfigException.class,
				() -> new ConfigRepositoryLoader(LoaderSettings.defaults()).load(dir));

		String at = "apis/bad/openapi.yaml: paths./x.get.x-amazon-apigateway-integration.";
		assertThat(ex.problems()).extracting(ConfigProblem::toString)
			.containsExactlyInAnyOrder(
					at + "requestParameters.overwrite:header.Host: 'Host' is a header API Gateway reserves; a mapping"
							+ " may not change it",
					at + "requestParameters.rename:header.x-a: is not a request mapping API Gateway defines"
							+ " (overwrite:, append: or remove: on header.<name> or querystring.<name>, or"
							+ " overwrite:path)",
					at + "requestParameters.overwrite:header.x-b: '$request.cookie.session' is not a value API Gateway"
							+ " maps ($request.header.X, $request.querystring.X, $request.path.X, $request.path,"
							+ " $request.body.X, $context.X, $stageVariables.X, $response.header.X,"
							+ " $response.body.X)",
					at + "requestParameters.overwrite:header.x-c: a request mapping cannot read the response"
							+ " ($response.*)",
					at + "responseParameters.700: '700' is not a status code (100 to 599)",
					at + "responseParameters.200.overwrite:header.x-e: $response.body is not supported yet (the answer"
							+ " is streamed, not buffered); refused rather than mapped wrong");
	}

}
