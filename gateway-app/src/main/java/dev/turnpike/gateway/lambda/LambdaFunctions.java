package dev.turnpike.gateway.lambda;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * Where a function is invoked, following the AWS SDK convention: a per-function endpoint
 * from the gateway's settings, else the gateway-wide endpoint
 * ({@code turnpike.lambda.endpoint-url} or {@code AWS_ENDPOINT_URL_LAMBDA}), both over
 * the Lambda Invoke API shape; else real AWS Lambda through the AWS SDK.
 */
public final class LambdaFunctions implements LambdaInvoker {

	private final String defaultEndpoint;

	private final Map<String, String> functionEndpoints;

	private final HttpLambdaInvoker http;

	private final Supplier<AwsLambdaInvoker> aws;

	LambdaFunctions(String defaultEndpoint, Map<String, String> functionEndpoints, HttpLambdaInvoker http,
			Supplier<AwsLambdaInvoker> aws) {
		this.defaultEndpoint = (defaultEndpoint != null && !defaultEndpoint.isBlank()) ? defaultEndpoint : null;
		this.functionEndpoints = Map.copyOf(functionEndpoints);
		this.http = http;
		this.aws = aws;
	}

	/** The HTTP endpoint serving {@code function}, or {@code null} for AWS Lambda. */
	public String endpointFor(FunctionRef function) {
		String specific = this.functionEndpoints.get(function.name());
		return (specific != null) ? specific : this.defaultEndpoint;
	}

	@Override
	public Mono<LambdaResult> invoke(FunctionRef function, byte[] payload, Duration timeout) {
		String endpoint = endpointFor(function);
		return (endpoint != null) ? this.http.invoke(endpoint, function, payload, timeout)
				: Mono.defer(() -> this.aws.get().invoke(function, payload, timeout));
	}

}
