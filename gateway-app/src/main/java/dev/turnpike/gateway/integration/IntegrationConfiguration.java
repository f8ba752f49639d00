package dev.turnpike.gateway.integration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The integration filter factories. */
@Configuration(proxyBeanMethods = false)
class IntegrationConfiguration {

	@Bean
	HttpProxyIntegrationGatewayFilterFactory httpProxyIntegrationGatewayFilterFactory() {
		return new HttpProxyIntegrationGatewayFilterFactory();
	}

	@Bean
	HttpIntegrationGatewayFilterFactory httpIntegrationGatewayFilterFactory() {
		return new HttpIntegrationGatewayFilterFactory();
	}

	@Bean
	ForwardedHeadersFilter forwardedHeadersFilter() {
		return new ForwardedHeadersFilter();
	}

	@Bean
	MockIntegrationGatewayFilterFactory mockIntegrationGatewayFilterFactory() {
		return new MockIntegrationGatewayFilterFactory();
	}

}
