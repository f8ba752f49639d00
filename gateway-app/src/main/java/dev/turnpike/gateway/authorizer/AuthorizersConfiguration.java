package dev.turnpike.gateway.authorizer;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.ApplicationListener;

import dev.turnpike.gateway.TurnpikeProperties;
import dev.turnpike.gateway.lambda.LambdaFunctions;
import dev.turnpike.gateway.routing.RouteFilterContributor;

/** Authorizers and resource policies. */
@Configuration(proxyBeanMethods = false)
class AuthorizersConfiguration {

	@Bean
	MethodArns methodArns(TurnpikeProperties properties) {
		return new MethodArns(properties.aws().region(), properties.aws().accountId());
	}

	@Bean
	LambdaAuthorizer lambdaAuthorizer(LambdaFunctions functions, TurnpikeProperties properties,
			ObjectProvider<MeterRegistry> meters) {
		return new LambdaAuthorizer(functions, properties.authorizers().lambdaTimeout(), properties.aws().accountId(),
				properties.authorizers().cacheSize(), meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	JwtVerifiers jwtVerifiers(TurnpikeProperties properties, @Qualifier("turnpikeClock") Clock clock,
			ObjectProvider<MeterRegistry> meters) {
		TurnpikeProperties.Authorizers settings = properties.authorizers();
		HttpClient http = HttpClient.create()
			.option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.idpTimeout().toMillis());
		return new JwtVerifiers(http, settings.idpTimeout(), settings.jwksMaxAge(), settings.jwksMinRefreshInterval(),
				settings.clockSkew(), clock, settings.cacheSize(), meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	JwtAuthorizer jwtAuthorizer(JwtVerifiers verifiers) {
		return new JwtAuthorizer(verifiers);
	}

	@Bean
	AuthorizerGatewayFilterFactory authorizerGatewayFilterFactory(LambdaAuthorizer lambda, JwtAuthorizer jwt,
			MethodArns arns) {
		return new AuthorizerGatewayFilterFactory(lambda, jwt, arns);
	}

	@Bean
	ResourcePolicyGatewayFilterFactory resourcePolicyGatewayFilterFactory(MethodArns arns) {
		return new ResourcePolicyGatewayFilterFactory(arns);
	}

	@Bean
	RouteFilterContributor resourcePolicyRoutes(ResourcePolicyGatewayFilterFactory policies) {
		return new ResourcePolicyRoutes(policies);
	}

	@Bean
	RouteFilterContributor authorizerRoutes(AuthorizerGatewayFilterFactory authorizers) {
		return new AuthorizerRoutes(authorizers);
	}

	/**
	 * A changed config may change what authorizers decide: cached decisions go (AWS
	 * flushes on deployment).
	 */
	@Bean
	ApplicationListener<RefreshRoutesEvent> authorizerDecisionFlush(LambdaAuthorizer lambda) {
		return event -> lambda.invalidateAll();
	}

}
