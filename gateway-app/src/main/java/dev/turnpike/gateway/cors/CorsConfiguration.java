package dev.turnpike.gateway.cors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.turnpike.gateway.routing.StageGate;

/** CORS: a gate on every stage of an API that has a CORS configuration. */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration {

	@Bean
	StageGate.Contributor corsGates() {
		return (api, stage) -> {
			CorsSettings settings = api.features().get(CorsConfig.API);
			return (settings != null) ? new CorsGate(settings) : null;
		};
	}

}
