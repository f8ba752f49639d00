package dev.turnpike.gateway.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.turnpike.gateway.config.model.Stage;
import dev.turnpike.gateway.config.model.StageVariables;

/** Reads {@code apis/<api-id>/stages/<stage>.yaml}. */
final class StageReader {

	/** Stage names: alphanumerics, {@code -} and {@code _}, at most 128 characters (AWS's rule). */
	static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");

	private static final Set<String> KEYS = Set.of("description", "variables");

	private static final int MAX_VARIABLES = 100;

	private static final int MAX_NAME_LENGTH = 64;

	private static final int MAX_VALUE_LENGTH = 512;

	private StageReader() {
	}

	static Stage read(String name, ConfigNode root) {
		if (!root.isMissing() && !root.isMap()) {
			root.error("must be a map with 'variables' and other stage settings");
			return null;
		}
		root.rejectUnknownKeys(KEYS);
		ConfigNode variablesNode = root.get("variables");
		Map<String, String> variables = new LinkedHashMap<>();
		variablesNode.entries().forEach((variable, valueNode) -> {
			String value = valueNode.requiredText();
			if (!StageVariables.NAME.matcher(variable).matches() || variable.length() > MAX_NAME_LENGTH) {
				valueNode.error("stage variable names use A-Z a-z 0-9 _ and have at most " + MAX_NAME_LENGTH + " characters");
			}
			else if (value != null && (!StageVariables.VALUE.matcher(value).matches() || value.length() > MAX_VALUE_LENGTH)) {
				valueNode.error("'" + value + "' is not a valid stage variable value (characters A-Z a-z 0-9 - . _ ~ : / ? # & = ,"
						+ " at most " + MAX_VALUE_LENGTH + ")");
			}
			else if (value != null) {
				variables.put(variable, value);
			}
		});
		if (variables.size() > MAX_VARIABLES) {
			variablesNode.error("a stage has at most " + MAX_VARIABLES + " variables, not " + variables.size());
		}
		return new Stage(name, root.file(), Map.copyOf(variables));
	}

}
