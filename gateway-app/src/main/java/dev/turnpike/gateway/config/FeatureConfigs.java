package dev.turnpike.gateway.config;

import java.util.List;
import java.util.ServiceLoader;

/** The installed {@link FeatureConfig}s, found once on the class path. */
public final class FeatureConfigs {

	private static final List<FeatureConfig> INSTALLED = ServiceLoader
		.load(FeatureConfig.class, FeatureConfig.class.getClassLoader())
		.stream()
		.map(ServiceLoader.Provider::get)
		.toList();

	private FeatureConfigs() {
	}

	public static List<FeatureConfig> installed() {
		return INSTALLED;
	}

}
