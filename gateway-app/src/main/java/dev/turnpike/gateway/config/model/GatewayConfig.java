package dev.turnpike.gateway.config.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A loaded, validated config repo: everything the gateway serves.
 *
 * @param root the config repo directory
 * @param apis the APIs by id
 * @param basePathMappings custom domain base path mappings from {@code gateway.yaml}
 */
public record GatewayConfig(Path root, Map<String, Api> apis, List<BasePathMapping> basePathMappings) {

	public int stageCount() {
		return this.apis.values().stream().mapToInt(api -> api.stages().size()).sum();
	}

}
