package dev.turnpike.gateway.config;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.turnpike.gateway.support.TestConfigRepo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar gateway-app.jar validate
 *
<dir>
 * }, and the repository's own {@code config-repo/}.
 */
class ValidateCommandTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(String... args) {
		return ValidateCommand.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	@Test
	void validateWhenSampleConfigRepoThenItIsValid() {
		Path sample = Path.of("..", "config-repo");

		int exit = run(sample.toString());

		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEmpty();
		assertThat(exit).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8))
			.contains("is valid: 3 API(s), 4 stage(s), 4 base path mapping(s)");
	}

	@Test
	void validateWhenInvalidThenExitsOneListingFileAndField(@TempDir Path dir) {
		TestConfigRepo.in(dir).api("items", """
				openapi: 3.0.1
				info: {title: Items, version: "1"}
				paths:
				  /items:
				    get: {x-amazon-apigateway-integration: {type: http, uri: "${stageVariables.url}/items"}}
				""").stage("items", "prod", Map.of());

		int exit = run(dir.toString());

		assertThat(exit).isEqualTo(1);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("error: " + dir + "/apis/items/stages/prod.yaml: variables: stage variable 'url' is not defined")
			.contains("INVALID: 1 problem(s)");
	}

	@Test
	void validateWhenRaisedTimeoutMaximumThenLongTimeoutsPass(@TempDir Path dir) {
		TestConfigRepo.in(dir)
			.api("items",
					"""
							openapi: 3.0.1
							info: {title: Items, version: "1"}
							paths:
							  /items:
							    get: {x-amazon-apigateway-integration: {type: http_proxy, uri: "http://b/items", timeoutInMillis: 120000}}
							""")
			.stage("items", "prod", Map.of());

		assertThat(run(dir.toString())).isEqualTo(1);
		assertThat(run(dir.toString(), "--max-timeout-ms=300000")).isZero();
	}

	@Test
	void validateWhenUnknownOptionThenUsageError() {
		assertThat(run("--frobnicate")).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("usage: validate");
	}

}
