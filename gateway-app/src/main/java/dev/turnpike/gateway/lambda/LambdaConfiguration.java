package dev.turnpike.gateway.lambda;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.tracing.propagation.Propagator;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

/** How the gateway invokes Lambda functions (authorizers, Lambda integrations). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LambdaConfiguration.LambdaProperties.class)
class LambdaConfiguration {

	/**
	 * {@code turnpike.lambda.*}.
	 *
	 * @param endpointUrl send every invocation to this Lambda-compatible endpoint (default: the
	 * {@code AWS_ENDPOINT_URL_LAMBDA} environment variable; unset: AWS Lambda)
	 * @param functions per-function endpoints, by function name
	 * @param connectTimeout how long opening a connection to an endpoint may take
	 */
	@ConfigurationProperties("turnpike.lambda")
	record LambdaProperties(String endpointUrl, Map<String, Function> functions,
			@DefaultValue("2s") Duration connectTimeout) {

		/** @param endpointUrl the endpoint serving this function */
		record Function(String endpointUrl) {
		}

	}

	@Bean
	LambdaFunctions lambdaFunctions(LambdaProperties properties, ObjectProvider<Propagator> propagator) {
		String endpoint = (properties.endpointUrl() != null) ? properties.endpointUrl()
				: System.getenv("AWS_ENDPOINT_URL_LAMBDA");
		Map<String, String> perFunction = new LinkedHashMap<>();
		if (properties.functions() != null) {
			properties.functions().forEach((name, function) -> perFunction.put(name, function.endpointUrl()));
		}
		HttpClient http = HttpClient.create(ConnectionProvider.builder("lambda").maxConnections(500)
			.pendingAcquireTimeout(Duration.ofSeconds(5)).build())
			.option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis());
		return new LambdaFunctions(endpoint, perFunction, new HttpLambdaInvoker(http, propagator.getIfAvailable()), SingletonSupplier
			.of(() -> new AwsLambdaInvoker(LambdaAsyncClient.builder().httpClientBuilder(NettyNioAsyncHttpClient.builder()).build())));
	}

}
