package dev.turnpike.gateway.integration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.propagation.Propagator;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.turnpike.gateway.TurnpikeProperties;
import dev.turnpike.gateway.lambda.LambdaFunctions;
import dev.turnpike.gateway.resilience.BackendGuards;
import dev.turnpike.gateway.routing.RouteFilterContributor;
import dev.turnpike.gateway.template.MappingTemplateEngine;

/** The integration filter factories. */
@Configuration(proxyBeanMethods = false)
class IntegrationConfiguration {

	@Bean
	HttpProxyIntegrationGatewayFilterFactory httpProxyIntegrationGatewayFilterFactory() {
		return new HttpProxyIntegrationGatewayFilterFactory();
	}

	@Bean
	IntegrationHttp integrationHttp(ObjectProvider<HttpClient> gatewayHttpClient, TurnpikeProperties properties,
			ObjectProvider<ObservationRegistry> observations) {
		return new IntegrationHttp(gatewayHttpClient.getIfAvailable(HttpClient::create),
				properties.limits().maxPayloadBytes(), observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Bean
	HttpIntegrationGatewayFilterFactory httpIntegrationGatewayFilterFactory(IntegrationHttp http,
			MappingTemplateEngine templates, TurnpikeProperties properties) {
		return new HttpIntegrationGatewayFilterFactory(http, templates, properties.aws().accountId(),
				properties.limits().maxPayloadBytes());
	}

	@Bean
	LambdaProxyIntegrationGatewayFilterFactory lambdaProxyIntegrationGatewayFilterFactory(LambdaFunctions lambda,
			TurnpikeProperties properties) {
		return new LambdaProxyIntegrationGatewayFilterFactory(lambda, properties.aws().accountId(),
				properties.limits().maxPayloadBytes());
	}

	@Bean
	LambdaIntegrationGatewayFilterFactory lambdaIntegrationGatewayFilterFactory(LambdaFunctions lambda,
			MappingTemplateEngine templates, TurnpikeProperties properties) {
		return new LambdaIntegrationGatewayFilterFactory(lambda, templates, properties.aws().accountId(),
				properties.limits().maxPayloadBytes());
	}

	@Bean
	IntegrationFilters integrationFilters(HttpProxyIntegrationGatewayFilterFactory httpProxy,
			HttpIntegrationGatewayFilterFactory http, MockIntegrationGatewayFilterFactory mock,
			LambdaProxyIntegrationGatewayFilterFactory lambdaProxy, LambdaIntegrationGatewayFilterFactory lambda,
			BackendGuards guards) {
		return new IntegrationFilters(httpProxy, http, mock, lambdaProxy, lambda, guards);
	}

	@Bean
	RouteFilterContributor integrationRoutes(IntegrationFilters integrations, TurnpikeProperties properties) {
		return new IntegrationRoutes(integrations, properties.integration().connectTimeout());
	}

	@Bean
	BackendGuards backendGuards(TurnpikeProperties properties, ObjectProvider<MeterRegistry> meters) {
		return new BackendGuards(properties.resilience().defaults(), meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	ForwardedHeadersFilter forwardedHeadersFilter(ObjectProvider<Propagator> propagator) {
		return new ForwardedHeadersFilter(propagator.getIfAvailable());
	}

	@Bean
	MockIntegrationGatewayFilterFactory mockIntegrationGatewayFilterFactory(MappingTemplateEngine templates,
			TurnpikeProperties properties) {
		return new MockIntegrationGatewayFilterFactory(templates, properties.aws().accountId());
	}

}
