package dev.turnpike.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import dev.turnpike.test.hardening.FuzzContract;

/**
 * Fuzzes the OpenAPI loader through its public entry point: an arbitrary
 * {@code apis/fuzz/openapi.yaml} (with a valid stage) is loaded by
 * {@link ConfigRepositoryLoader#load}. The result is a config or an
 * {@link InvalidConfigException} whose problems each name a file and a message
 * ({@code file: field: message}), never another exception. Seeds:
 * {@code OpenApiLoaderFuzzTestsInputs/} (OpenAPI documents, one a file).
 */
class OpenApiLoaderFuzzTests {

	private static final FuzzContract CONTRACT = FuzzContract.of("openapi-loader", InvalidConfigException.class)
		.withMaxPerInput(Duration.ofSeconds(20));

	private static final ConfigRepositoryLoader LOADER = new ConfigRepositoryLoader(LoaderSettings.defaults());

	private static Path repo;

	@BeforeAll
	static void createRepo() throws IOException {
		repo = Files.createTempDirectory("openapi-fuzz");
		Path stages = Files.createDirectories(repo.resolve("apis/fuzz/stages"));
		Files.writeString(stages.resolve("dev.yaml"), "variables:\n  url: http://localhost:8080\n");
		// The first load initialises the OpenAPI parser (seconds); it is not billed to
		// the first input.
		Files.writeString(repo.resolve("apis/fuzz/openapi.yaml"),
				"""
						openapi: 3.0.1
						info: {title: warm-up, version: "1"}
						paths:
						  /items:
						    get:
						      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.url}/items"}
						""");
		LOADER.load(repo);
	}

	@FuzzTest
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void loadWhenOpenApiDocumentIsArbitraryThenConfigOrProblemsNamingTheFile(byte[] input) throws IOException {
		String document = new String(input, StandardCharsets.UTF_8);
		Files.writeString(repo.resolve("apis/fuzz/openapi.yaml"), document, StandardCharsets.UTF_8);
		List<ConfigProblem> problems = new ArrayList<>();
		CONTRACT.check(document, () -> {
			try {
				LOADER.load(repo);
			}
			catch (InvalidConfigException ex) {
				problems.addAll(ex.problems());
				throw ex;
			}
		});
		for (ConfigProblem problem : problems) {
			CONTRACT.require(document + "\n-> " + problem,
					problem.file() != null && !problem.file().isEmpty() && problem.field() != null
							&& problem.message() != null && !problem.message().isBlank(),
					"every problem names its file and says what is wrong");
		}
	}

	@AfterAll
	static void writeFigures() throws IOException {
		CONTRACT.write();
		try (var files = Files.walk(repo)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}

}
