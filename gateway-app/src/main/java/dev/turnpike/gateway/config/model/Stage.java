package dev.turnpike.gateway.config.model;

import java.util.Map;

/**
 * A stage of an API, from {@code apis/<api-id>/stages/<name>.yaml}.
 *
 * @param name the stage name (the file name without extension)
 * @param file the stage file, relative to the config repo root
 * @param variables the stage variables
 * @param resilience the stage's overrides of backend protection
 * ({@code BackendResilience.NONE} when none)
 * @param accessLog the stage's access log, or {@code null} for the gateway's default
 * @param features what features read from the stage file ({@link FeatureSettings})
 */
public record Stage(String name, String file, Map<String, String> variables, BackendResilience resilience,
		AccessLogSettings accessLog, FeatureSettings features) {

	/**
	 * An HTTP API's {@code $default} stage, served at the root of the API's endpoint (no
	 * stage segment in the path).
	 */
	public static final String DEFAULT = "$default";

	/**
	 * The file name an HTTP API's {@code $default} stage may also have
	 * ({@code stages/_default.yaml}), where {@code $} cannot be in a name: Kubernetes
	 * ConfigMap keys, for one.
	 */
	public static final String DEFAULT_FILE_ALIAS = "_default";

	/** This stage under another name. */
	public Stage named(String newName) {
		return new Stage(newName, this.file, this.variables, this.resilience, this.accessLog, this.features);
	}

	public Stage {
		features = (features != null) ? features : FeatureSettings.NONE;
	}

	public Stage(String name, String file, Map<String, String> variables, BackendResilience resilience,
			AccessLogSettings accessLog) {
		this(name, file, variables, resilience, accessLog, FeatureSettings.NONE);
	}

}
