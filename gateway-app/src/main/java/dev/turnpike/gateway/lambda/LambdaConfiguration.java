package dev.turnpike.gateway.lambda;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.tracing.propagation.Propagator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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

import dev.turnpike.gateway.TurnpikeProperties;

/** How the gateway invokes Lambda functions (authorizers, Lambda integrations). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LambdaConfiguration.LambdaProperties.class)
class LambdaConfiguration {

	private static final Log LOG = LogFactory.getLog(LambdaConfiguration.class);

	/**
	 * {@code turnpike.lambda.*}.
	 *
	 * @param endpointUrl send every invocation to this Lambda-compatible endpoint
	 * (default: the {@code AWS_ENDPOINT_URL_LAMBDA} environment variable; unset: AWS
	 * Lambda)
	 * @param functions per-function endpoints, by function name
	 * @param connectTimeout how long opening a connection to an endpoint may take
	 * @param accessKeyId the access key id invocations of those endpoints are
	 * SigV4-signed with (unset: unsigned); the authorizer-service's
	 * {@code turnpike.functions.access-key-id}
	 * @param secretAccessKey its secret; never logged
	 * @param region the region signatures are scoped to (default:
	 * {@code turnpike.aws.region})
	 */
	@ConfigurationProperties("turnpike.lambda")
	record LambdaProperties(String endpointUrl, Map<String, Function> functions,
			@DefaultValue("2s") Duration connectTimeout, String accessKeyId, String secretAccessKey, String region) {

		LambdaProperties {
			accessKeyId = (accessKeyId != null && !accessKeyId.isBlank()) ? accessKeyId.trim() : null;
			secretAccessKey = (secretAccessKey != null && !secretAccessKey.isBlank()) ? secretAccessKey : null;
			if ((accessKeyId == null) != (secretAccessKey == null)) {
				throw new IllegalArgumentException(
						"turnpike.lambda.access-key-id and turnpike.lambda.secret-access-key are" + " set together: "
								+ ((accessKeyId == null) ? "access-key-id" : "secret-access-key") + " is missing");
			}
		}

		/** Like the record's, without the secret. */
		@Override
		public String toString() {
			return "LambdaProperties[endpointUrl=" + this.endpointUrl + ", functions=" + this.functions
					+ ", connectTimeout=" + this.connectTimeout + ", accessKeyId=" + this.accessKeyId
					+ ", secretAccessKey=" + ((this.secretAccessKey != null) ? "******" : null) + ", region="
					+ this.region + "]";
		}

		/**
		 * @param endpointUrl the endpoint serving this function
		 */
		record Function(String endpointUrl) {
		}

	}

	@Bean
	LambdaFunctions lambdaFunctions(LambdaProperties properties, TurnpikeProperties turnpike,
			ObjectProvider<Propagator> propagator) {
		String endpoint = (properties.endpointUrl() != null) ? properties.endpointUrl()
				: System.getenv("AWS_ENDPOINT_URL_LAMBDA");
		Map<String, String> perFunction = new LinkedHashMap<>();
		if (properties.functions() != null) {
			properties.functions().forEach((name, function) -> perFunction.put(name, function.endpointUrl()));
		}
		HttpClient http = HttpClient
			.create(ConnectionProvider.builder("lambda")
				.maxConnections(500)
				.pendingAcquireTimeout(Duration.ofSeconds(5))
				.build())
			.option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS,
					(int) properties.connectTimeout().toMillis());
		InvokeSigner signer = signer(properties, turnpike.aws().region());
		if (endpoint != null || !perFunction.isEmpty()) {
			LOG.info("Lambda-compatible endpoints are invoked "
					+ ((signer == InvokeSigner.NONE) ? "unsigned" : "SigV4-signed") + " (" + signer + ")");
		}
		return new LambdaFunctions(endpoint, perFunction,
				new HttpLambdaInvoker(http, propagator.getIfAvailable(), signer),
				SingletonSupplier.of(() -> new AwsLambdaInvoker(
						LambdaAsyncClient.builder().httpClientBuilder(NettyNioAsyncHttpClient.builder()).build())));
	}

	static InvokeSigner signer(LambdaProperties properties, String defaultRegion) {
		if (properties.accessKeyId() == null) {
			return InvokeSigner.NONE;
		}
		String region = (properties.region() != null && !properties.region().isBlank()) ? properties.region()
				: defaultRegion;
		return InvokeSigner.sigV4(properties.accessKeyId(), properties.secretAccessKey(), region);
	}

}
