package dev.turnpike.gateway.observability;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.turnpike.gateway.TurnpikeProperties;
import dev.turnpike.gateway.responses.GatewayErrorWebExceptionHandler;

/** Metrics and access logs of every API request. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

	@Bean
	ApiMetrics apiMetrics(MeterRegistry meters) {
		return new ApiMetrics(meters);
	}

	@Bean(destroyMethod = "close")
	AccessLog accessLog(TurnpikeProperties properties) {
		return new AccessLog(properties.accessLog().settings());
	}

	@Bean
	RequestCompletionWebFilter requestCompletionWebFilter(GatewayErrorWebExceptionHandler errors, ApiMetrics metrics,
			AccessLog accessLog) {
		return new RequestCompletionWebFilter(errors, List.of(metrics, accessLog));
	}

}
