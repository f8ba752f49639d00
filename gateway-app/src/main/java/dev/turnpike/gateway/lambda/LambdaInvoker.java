package dev.turnpike.gateway.lambda;

import java.time.Duration;

import reactor.core.publisher.Mono;

/** Invokes a Lambda function synchronously ({@code RequestResponse}). */
public interface LambdaInvoker {

	/**
	 * @return the result, or an error {@link LambdaInvocationException} when the function
	 * could not be invoked
	 */
	Mono<LambdaResult> invoke(FunctionRef function, byte[] payload, Duration timeout);

}
