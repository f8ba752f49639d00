package dev.turnpike.gateway.config;

import java.util.List;
import java.util.Set;

import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.FeatureSettings;
import dev.turnpike.gateway.config.model.Stage;

/**
 * A feature's part of the config repo: the top-level keys of {@code stages/<stage>.yaml}
 * and the {@code x-amazon-apigateway-*} extensions (or keys of the integration object) it
 * reads, and how. The loader is a generic engine that calls every installed feature; each
 * feature keeps its reader and its model in its own package and stores what it read in
 * the API's, stage's or method's {@link FeatureSettings} under its own key.
 * <p>
 * Plain Java, no Spring, so {@code validate} checks what the gateway would serve. A
 * feature is installed by one line naming its implementation in
 * {@code META-INF/services/dev.turnpike.gateway.config.FeatureConfig} (found with
 * {@link java.util.ServiceLoader}).
 */
public interface FeatureConfig {

	/**
	 * The top-level keys of a stage file this feature reads; the loader refuses keys no
	 * one reads.
	 */
	default Set<String> stageKeys() {
		return Set.of();
	}

	/**
	 * The extensions and integration keys this feature reads, as rows of the table the
	 * loader checks documents against and {@code config-repo/README.md} documents.
	 */
	default List<AwsExtensions.Extension> extensions() {
		return List.of();
	}

	/**
	 * Reads this feature's keys of one stage file ({@code stageFile} is the whole file).
	 */
	default void readStage(ConfigNode stageFile, FeatureSettings.Builder settings) {
	}

	/** Reads this feature's part of an API document's root. */
	default void readApi(ApiDeclaration api, FeatureSettings.Builder settings) {
	}

	/** Reads this feature's part of one method of an API document. */
	default void readMethod(MethodDeclaration method, FeatureSettings.Builder settings) {
	}

	/**
	 * Checks what needs both an API and one of its stages (a per-method setting naming a
	 * method the API does not have, say); reports in {@code problems}.
	 */
	default void check(Api api, Stage stage, Problems problems) {
	}

}
