package dev.turnpike.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import dev.turnpike.test.hardening.FuzzContract;

/**
 * Fuzzes the config repo's other YAML files through {@link ConfigRepositoryLoader#load}:
 * the same arbitrary text as {@code gateway.yaml} and as a stage file
 * ({@code apis/fuzz/stages/dev.yaml}) beside a valid OpenAPI document. The result is a
 * config or an {@link InvalidConfigException}, never another exception. Seeds:
 * {@code ConfigFilesFuzzTestsInputs/} (gateway and stage files, one a file).
 */
class ConfigFilesFuzzTests {

	private static final FuzzContract CONTRACT = FuzzContract.of("config-files", InvalidConfigException.class)
		.withMaxPerInput(Duration.ofSeconds(20));

	private static final ConfigRepositoryLoader LOADER = new ConfigRepositoryLoader(LoaderSettings.defaults());

	private static Path repo;

	@BeforeAll
	static void createRepo() throws IOException {
		repo = Files.createTempDirectory("config-files-fuzz");
		Files.createDirectories(repo.resolve("apis/fuzz/stages"));
		Files.writeString(repo.resolve("apis/fuzz/openapi.yaml"),
				"""
						openapi: 3.0.1
						info: {title: Fuzz, version: "1"}
						paths:
						  /items:
						    get:
						      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.url}/items"}
						""");
		Files.writeString(repo.resolve("apis/fuzz/stages/dev.yaml"), "variables: {url: 'http://localhost:8080'}\n");
		LOADER.load(repo);
	}

	@FuzzTest
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void loadWhenGatewayAndStageFilesAreArbitraryThenConfigOrProblems(byte[] input) throws IOException {
		String text = new String(input, StandardCharsets.UTF_8);
		Files.writeString(repo.resolve("gateway.yaml"), text, StandardCharsets.UTF_8);
		Files.writeString(repo.resolve("apis/fuzz/stages/prod.yaml"), text, StandardCharsets.UTF_8);
		CONTRACT.check(text, () -> LOADER.load(repo));
	}

	@AfterAll
	static void writeFigures() throws IOException {
		CONTRACT.write();
		try (var files = Files.walk(repo)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}

}
