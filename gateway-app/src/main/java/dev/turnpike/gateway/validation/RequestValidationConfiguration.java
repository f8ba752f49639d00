package dev.turnpike.gateway.validation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.turnpike.gateway.TurnpikeProperties;
import dev.turnpike.gateway.routing.RequestFlow;
import dev.turnpike.gateway.routing.RouteFilter;
import dev.turnpike.gateway.routing.RouteFilterContributor;

/**
 * Request validation: required parameters and JSON Schema body models, on the methods
 * that name a validator.
 */
@Configuration(proxyBeanMethods = false)
class RequestValidationConfiguration {

	@Bean
	RequestValidationGatewayFilterFactory requestValidationGatewayFilterFactory(TurnpikeProperties properties) {
		return new RequestValidationGatewayFilterFactory(properties.limits().maxPayloadBytes());
	}

	@Bean
	RouteFilterContributor requestValidationRoutes(RequestValidationGatewayFilterFactory validation) {
		return (api, stage, method) -> {
			RequestValidation checks = method.features().get(RequestValidationConfig.METHOD);
			return (checks == null) ? null : RouteFilter.of(RequestFlow.REQUEST_VALIDATION, validation
				.apply(new RequestValidationGatewayFilterFactory.Config().of(checks, method.parameters())));
		};
	}

}
