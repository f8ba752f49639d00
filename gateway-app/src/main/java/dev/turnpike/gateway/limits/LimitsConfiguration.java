package dev.turnpike.gateway.limits;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.turnpike.gateway.TurnpikeProperties;

/** Request limits. */
@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

	@Bean
	PayloadLimitFilter payloadLimitFilter(TurnpikeProperties properties) {
		return new PayloadLimitFilter(properties.limits().maxPayloadSize().toBytes());
	}

}
