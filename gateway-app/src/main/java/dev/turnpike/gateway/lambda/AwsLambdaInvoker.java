package dev.turnpike.gateway.lambda;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Mono;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;

/**
 * Invokes functions in AWS Lambda through the AWS SDK v2, with the default credential
 * chain.
 */
final class AwsLambdaInvoker {

	private final LambdaAsyncClient lambda;

	AwsLambdaInvoker(LambdaAsyncClient lambda) {
		this.lambda = lambda;
	}

	Mono<LambdaResult> invoke(FunctionRef function, byte[] payload, Duration timeout) {
		InvokeRequest request = InvokeRequest.builder()
			.functionName(function.arn().contains(":function:") ? function.arn() : function.name())
			.qualifier(function.arn().contains(":function:") ? null : function.qualifier())
			.invocationType(InvocationType.REQUEST_RESPONSE)
			.payload(SdkBytes.fromByteArray(payload))
			.build();
		return Mono.fromFuture(() -> this.lambda.invoke(request))
			.map(response -> new LambdaResult(response.payload().asByteArray(), response.functionError()))
			.timeout(timeout)
			.onErrorMap(error -> new LambdaInvocationException((error instanceof TimeoutException)
					? "invoking " + function + " timed out after " + timeout.toMillis() + " ms"
					: "invoking " + function + " in AWS Lambda failed: " + error.getMessage(), error));
	}

}
