package dev.turnpike.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a config repo into a directory for a test: API documents, stage files and
 * {@code gateway.yaml}. Every write bumps the file's modification time so the gateway's
 * watcher sees it even within one second.
 */
public final class TestConfigRepo {

	private final Path root;

	private TestConfigRepo(Path root) {
		this.root = root;
	}

	public static TestConfigRepo in(Path root) {
		return new TestConfigRepo(root);
	}

	public Path root() {
		return this.root;
	}

	public TestConfigRepo api(String apiId, String openApiYaml) {
		return write("apis/" + apiId + "/openapi.yaml", openApiYaml);
	}

	public TestConfigRepo stage(String apiId, String stage, Map<String, String> variables) {
		String body = variables.isEmpty() ? "variables: {}\n"
				: "variables:\n" + variables.entrySet()
					.stream()
					.map(entry -> "  " + entry.getKey() + ": \"" + entry.getValue() + "\"")
					.collect(Collectors.joining("\n")) + "\n";
		return write("apis/" + apiId + "/stages/" + stage + ".yaml", body);
	}

	public TestConfigRepo gatewayYaml(String yaml) {
		return write("gateway.yaml", yaml);
	}

	public TestConfigRepo write(String relativePath, String content) {
		try {
			Path file = this.root.resolve(relativePath);
			Files.createDirectories(file.getParent());
			FileTime previous = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
			Files.writeString(file, content);
			Instant now = Instant.now();
			Instant stamp = (previous != null && !now.isAfter(previous.toInstant()))
					? previous.toInstant().plusMillis(1000) : now;
			Files.setLastModifiedTime(file, FileTime.from(stamp));
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public TestConfigRepo delete(String relativePath) {
		try {
			Files.deleteIfExists(this.root.resolve(relativePath));
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
