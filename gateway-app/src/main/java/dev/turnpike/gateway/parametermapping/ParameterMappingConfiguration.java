package dev.turnpike.gateway.parametermapping;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.turnpike.gateway.TurnpikeProperties;
import dev.turnpike.gateway.routing.RequestFlow;
import dev.turnpike.gateway.routing.RouteFilter;
import dev.turnpike.gateway.routing.RouteFilterContributor;

/**
 * HTTP API parameter mapping: a filter on each route whose integration maps parameters.
 */
@Configuration(proxyBeanMethods = false)
class ParameterMappingConfiguration {

	@Bean
	RouteFilterContributor parameterMappingRoutes(TurnpikeProperties properties) {
		int maxBodyBytes = properties.limits().maxPayloadBytes();
		return (api, stage, method) -> {
			ParameterMappings mappings = method.features().get(ParameterMappingConfig.METHOD);
			return (mappings != null) ? new RouteFilter(RequestFlow.PARAMETER_MAPPING,
					new ParameterMappingFilter(mappings, maxBodyBytes), null, Map.of()) : null;
		};
	}

}
