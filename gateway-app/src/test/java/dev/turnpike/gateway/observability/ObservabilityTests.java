package dev.turnpike.gateway.observability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.backend.RecordedRequest;
import dev.turnpike.test.backend.TestBackend;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators see: API Gateway-style metrics on {@code /actuator/prometheus} after
 * real traffic, access log lines in each preset format (and a custom one), and trace
 * context reaching backends.
 */
class ObservabilityTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String API = """
			openapi: 3.0.1
			info: {title: Observed, version: "1"}
			x-amazon-apigateway-request-validators:
			  params: {validateRequestBody: false, validateRequestParameters: true}
			paths:
			  /pets/{petId}:
			    get:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/pets/{petId}"}
			  /search:
			    get:
			      x-amazon-apigateway-request-validator: params
			      parameters:
			        - {name: q, in: query, required: true, schema: {type: string}}
			      x-amazon-apigateway-integration:
			        type: http
			        httpMethod: GET
			        uri: "${stageVariables.backend}/search"
			        responses: {default: {statusCode: "200"}}
			""";

	@TempDir
	static Path configDir;

	@TempDir
	static Path logDir;

	static TestBackend backend;

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		backend = TestBackend.start();
		TestConfigRepo repo = TestConfigRepo.in(configDir).api("observed", API);
		for (String format : List.of("clf", "json", "xml", "csv")) {
			repo.write("apis/observed/stages/" + format + ".yaml", """
					variables: {backend: "%s"}
					accessLog: {format: %s, destination: "%s"}
					""".formatted(backend.baseUrl(), format, logDir.resolve(format + ".log")));
		}
		repo.write("apis/observed/stages/custom.yaml",
				"""
						variables: {backend: "%s"}
						accessLog:
						  format: '$context.requestId $context.status $context.integrationStatus $context.integrationLatency $context.error.responseType key=$context.identity.apiKey trace=$context.xrayTraceId'
						  destination: "%s"
						"""
					.formatted(backend.baseUrl(), logDir.resolve("custom.log")));
		gateway = RunningGateway.start(configDir);
	}

	@AfterAll
	static void stop() {
		gateway.close();
		backend.close();
	}

	/**
	 * The access log line of a request, once the writer has flushed it (bounded wait).
	 */
	private static String lineOf(String file, String requestId) throws IOException, InterruptedException {
		Path log = logDir.resolve(file);
		for (int i = 0; i < 50; i++) {
			if (Files.exists(log)) {
				for (String line : Files.readAllLines(log)) {
					if (line.contains(requestId)) {
						return line;
					}
				}
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no line for request " + requestId + " in " + log);
	}

	private static String requestId(String stage, String path) {
		return gateway.api("observed")
			.get()
			.uri("/" + stage + path)
			.header("User-Agent", "observer/1")
			.exchange()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("x-amzn-RequestId");
	}

	@Test
	void accessLogPresetsWriteOneLinePerRequestWithTheRequestsFields() throws Exception {
		String clf = requestId("clf", "/pets/7");
		assertThat(lineOf("clf.log", clf))
			.matches(Pattern.quote("127.0.0.1 - - [") + "\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000\\] "
					+ Pattern.quote("\"GET /pets/{petId} HTTP/1.1\" 200 ") + "\\d+ " + Pattern.quote(clf) + " \\S+");

		String json = requestId("json", "/pets/7");
		JsonNode line = JSON.readTree(lineOf("json.log", json));
		assertThat(line.get("requestId").asString()).isEqualTo(json);
		assertThat(line.get("ip").asString()).isEqualTo("127.0.0.1");
		assertThat(line.get("httpMethod").asString()).isEqualTo("GET");
		assertThat(line.get("resourcePath").asString()).isEqualTo("/pets/{petId}");
		assertThat(line.get("status").asString()).isEqualTo("200");
		assertThat(line.get("protocol").asString()).isEqualTo("HTTP/1.1");
		assertThat(Long.parseLong(line.get("responseLength").asString())).isPositive();
		assertThat(line.get("caller").asString()).isEqualTo("-");

		String xml = requestId("xml", "/pets/7");
		assertThat(lineOf("xml.log", xml)).startsWith("<request id=\"" + xml + "\">")
			.contains("<status>200</status>", "<resourcePath>/pets/{petId}</resourcePath>", "<ip>127.0.0.1</ip>")
			.endsWith("</request>");

		String csv = requestId("csv", "/pets/7");
		String[] fields = lineOf("csv.log", csv).split(",");
		assertThat(fields).hasSize(11);
		assertThat(fields[0]).isEqualTo("127.0.0.1");
		assertThat(fields[4]).isEqualTo("GET");
		assertThat(fields[5]).isEqualTo("/pets/{petId}");
		assertThat(fields[7]).isEqualTo("200");
		assertThat(fields[9]).isEqualTo(csv);
	}

	@Test
	void customFormatShowsIntegrationAndErrorsButNeverApiKeys() throws Exception {
		String ok = gateway.api("observed")
			.get()
			.uri("/custom/pets/1")
			.header("x-api-key", "secret-key-value-0123456789")
			.exchange()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("x-amzn-RequestId");
		String line = lineOf("custom.log", ok);
		assertThat(line).startsWith(ok + " 200 200 ").contains(" - key=- trace=1-").doesNotContain("secret-key-value");

		String rejected = requestId("custom", "/search");
		assertThat(lineOf("custom.log", rejected)).startsWith(rejected + " 400 - - BAD_REQUEST_PARAMETERS key=-");
	}

	@Test
	void prometheusShowsRequestsLatencyIntegrationLatencyAndRejectionsPerApiStageResourceAndMethod() {
		String pets = "api=\"observed\",canary=\"false\",method=\"GET\",resource=\"/pets/{petId}\",stage=\"json\"";
		String search = "api=\"observed\",canary=\"false\",method=\"GET\",resource=\"/search\",stage=\"json\"";
		List<String> series = List.of("turnpike_api_requests_seconds_count{" + pets + ",status=\"2xx\"}",
				"turnpike_api_integration_latency_seconds_count{" + pets + "}",
				"turnpike_api_requests_seconds_count{" + search + ",status=\"4xx\"}",
				"turnpike_api_requests_seconds_count{" + search + ",status=\"2xx\"}",
				"turnpike_api_rejections_total{" + search + ",type=\"BAD_REQUEST_PARAMETERS\"}");
		String before = scrape();

		for (int i = 0; i < 3; i++) {
			requestId("json", "/pets/" + i);
		}
		requestId("json", "/search");
		requestId("json", "/search?q=cats");
		String after = scrape();

		List<Double> deltas = series.stream().map(name -> value(after, name) - value(before, name)).toList();
		assertThat(deltas).containsExactly(3.0, 3.0, 1.0, 1.0, 1.0);
		assertThat(after).contains("turnpike_api_requests_seconds_bucket{" + pets + ",status=\"2xx\",le=");
		assertThat(after).contains("resilience4j_circuitbreaker_state{name=\"observed/json " + backend.baseUrl());
		// No per-observation "active" long-task timers: they cost a sorted-map update per
		// request (bench/README.md).
		assertThat(after).contains("http_server_requests_seconds_count").doesNotContain("_active_seconds");
	}

	private static String scrape() {
		return gateway.management()
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	/** A series' value, 0 when it does not exist yet. */
	private static double value(String metrics, String series) {
		return metrics.lines()
			.filter(line -> line.startsWith(series + " "))
			.mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
			.findFirst()
			.orElse(0);
	}

	@Test
	void backendsReceiveTheTraceContinuingTheClientsTrace() {
		String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		gateway.api("observed")
			.get()
			.uri("/json/pets/1")
			.header("traceparent", traceparent)
			.exchange()
			.expectStatus()
			.isOk();
		RecordedRequest proxied = backend.lastRequest();
		assertThat(proxied.header("traceparent")).matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01")
			.isNotEqualTo(traceparent);

		gateway.api("observed")
			.get()
			.uri("/json/search?q=x")
			.header("traceparent", traceparent)
			.header("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793")
			.exchange()
			.expectStatus()
			.isOk();
		RecordedRequest mapped = backend.lastRequest();
		assertThat(mapped.header("traceparent")).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
		assertThat(mapped.header("X-Amzn-Trace-Id")).isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793");

		gateway.api("observed").get().uri("/json/search?q=x").exchange().expectStatus().isOk();
		assertThat(backend.lastRequest().header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]");
		assertThat(backend.lastRequest().header("X-Amzn-Trace-Id")).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
	}

}
