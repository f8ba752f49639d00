package dev.turnpike.gateway.config;

import java.util.Map;

import dev.turnpike.gateway.config.model.ApiType;

/**
 * An API document's root as a {@link FeatureConfig} sees it while the document is read.
 *
 * @param file the document, relative to the config repo root
 * @param type REST or HTTP API
 * @param extensions the root's extensions, raw
 * @param problems where problems are reported
 */
public record ApiDeclaration(String file, ApiType type, Map<String, Object> extensions, Problems problems) {

	/**
	 * The root extension {@code name}, as a node (missing when the document has none).
	 */
	public ConfigNode extension(String name) {
		return ConfigNode.at(this.file, name, this.extensions.get(name), this.problems);
	}

}
