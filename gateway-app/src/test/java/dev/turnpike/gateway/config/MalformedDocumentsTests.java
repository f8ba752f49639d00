package dev.turnpike.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.turnpike.gateway.support.TestConfigRepo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Documents the fuzzer broke the loader with (their inputs are also seeds of the fuzz
 * tests): each is now a load problem naming the file, never an exception escaping
 * {@code load}.
 */
class MalformedDocumentsTests {

	private static final String SEEDS = "/dev/turnpike/gateway/config/OpenApiLoaderFuzzTestsInputs/"
			+ "loadWhenOpenApiDocumentIsArbitraryThenConfigOrProblemsNamingTheFile/";

	@TempDir
	Path dir;

	private List<String> problems() {
		return assertThatExceptionOfType(InvalidConfigException.class)
			.isThrownBy(() -> new ConfigRepositoryLoader(LoaderSettings.defaults()).load(this.dir))
			.actual()
			.problems()
			.stream()
			.map(ConfigProblem::toString)
			.toList();
	}

	private static String seed(String name) throws IOException {
		try (InputStream in = MalformedDocumentsTests.class.getResourceAsStream(SEEDS + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@Test
	void loadWhenPolicyIsARecursiveYamlAliasThenProblemNotStackOverflow() throws IOException {
		TestConfigRepo.in(this.dir).api("items", seed("recursive-policy")).stage("items", "prod", Map.of());

		assertThat(problems())
			.containsExactly("apis/items/openapi.yaml: x-amazon-apigateway-policy: Statement[0].Effect"
					+ " must be Allow or Deny, not a list of 2");
	}

	@Test
	void loadWhenSwaggerParserThrowsOnAMangledDocumentThenProblemNamesTheFile() throws IOException {
		TestConfigRepo.in(this.dir).api("items", seed("swagger-converter-npe")).stage("items", "prod", Map.of());

		assertThat(problems()).singleElement()
			.satisfies(problem -> assertThat(problem).startsWith(
					"apis/items/openapi.yaml: is not an OpenAPI 3.0 or" + " Swagger 2.0 document the parser can read"));
	}

	@Test
	void loadWhenGatewayFileHasATagSnakeYamlRejectsWithIllegalArgumentThenProblemNamesTheFile() throws IOException {
		Files.createDirectories(this.dir.resolve("apis"));
		Files.writeString(this.dir.resolve("gateway.yaml"), "!%C\n");

		assertThat(problems()).singleElement()
			.satisfies(problem -> assertThat(problem).startsWith("gateway.yaml: is not valid YAML: "));
	}

}
