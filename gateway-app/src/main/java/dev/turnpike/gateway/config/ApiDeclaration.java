package dev.turnpike.gateway.config;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.swagger.v3.oas.models.OpenAPI;

import dev.turnpike.gateway.config.model.ApiType;
import dev.turnpike.gateway.config.model.FeatureSettings;

/**
 * An API document's root as a {@link FeatureConfig} sees it while the document is read.
 *
 * @param file the document, relative to the config repo root
 * @param type REST or HTTP API
 * @param extensions the root's extensions, raw
 * @param problems where problems are reported
 * @param openApi the parsed document
 * @param rawDocument the document as its YAML or JSON reads, before the parser's model
 * (which drops what its OpenAPI version does not define); an empty map when unreadable
 * @param state what features keep while the document is read (one reader per document,
 * say), by their own keys
 */
public record ApiDeclaration(String file, ApiType type, Map<String, Object> extensions, Problems problems,
		OpenAPI openApi, Map<String, Object> rawDocument, Map<FeatureSettings.Key<?>, Object> state) {

	public ApiDeclaration(String file, ApiType type, Map<String, Object> extensions, Problems problems, OpenAPI openApi,
			Map<String, Object> rawDocument) {
		this(file, type, extensions, problems, openApi, rawDocument, new HashMap<>());
	}

	/**
	 * The root extension {@code name}, as a node (missing when the document has none).
	 */
	public ConfigNode extension(String name) {
		return ConfigNode.at(this.file, name, this.extensions.get(name), this.problems);
	}

	/** This feature's state for the document, made by {@code create} on first use. */
	public <T> T state(FeatureSettings.Key<T> key, Supplier<T> create) {
		return key.type().cast(this.state.computeIfAbsent(key, k -> create.get()));
	}

}
