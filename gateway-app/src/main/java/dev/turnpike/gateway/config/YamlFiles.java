package dev.turnpike.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads config files as text and YAML, reporting unreadable or malformed files as
 * problems.
 */
final class YamlFiles {

	/**
	 * AWS's import limit for an API definition; also keeps a runaway file from exhausting
	 * memory.
	 */
	static final long MAX_FILE_BYTES = 6L * 1024 * 1024;

	private YamlFiles() {
	}

	/**
	 * A YAML parser that builds only plain maps, lists and scalars, and rejects duplicate
	 * keys.
	 */
	static Yaml safeYaml() {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		options.setCodePointLimit((int) MAX_FILE_BYTES + 1024);
		return new Yaml(new SafeConstructor(options));
	}

	static String readText(Path path, String file, Problems problems) {
		try {
			if (Files.size(path) > MAX_FILE_BYTES) {
				problems.error(file, "", "is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MB");
				return null;
			}
			return Files.readString(path, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			problems.error(file, "", "cannot be read: " + ex.getMessage());
			return null;
		}
	}

	/**
	 * The parsed YAML document as a {@link ConfigNode}; a missing node when the file is
	 * unreadable or malformed.
	 */
	static ConfigNode readYaml(Path path, String file, Problems problems) {
		String text = readText(path, file, problems);
		if (text == null) {
			return ConfigNode.root(file, null, problems);
		}
		try {
			Object value = safeYaml().load(text);
			return ConfigNode.root(file, value, problems);
		}
		catch (YAMLException | IllegalArgumentException ex) {
			// SnakeYAML reports some malformed input (a tag with spaces, say) as
			// IllegalArgumentException.
			problems.error(file, "", "is not valid YAML: " + String.valueOf(ex.getMessage()).replace('\n', ' '));
			return ConfigNode.root(file, null, problems);
		}
	}

}
