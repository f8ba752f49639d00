package dev.turnpike.gateway.integration;

import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;
import dev.turnpike.gateway.lambda.FunctionRef;
import dev.turnpike.gateway.lambda.LambdaInvocationException;
import dev.turnpike.gateway.lambda.LambdaInvoker;
import dev.turnpike.gateway.lambda.LambdaResult;
import dev.turnpike.gateway.resilience.BackendGuard;

/**
 * Invoking a Lambda integration's function: within the integration timeout (past it, 504
 * {@code Endpoint request
 * timed out}); a function that cannot be invoked at all is a 502 for the client, and
 * logged.
 */
final class LambdaInvocations {

	private static final Log LOG = LogFactory.getLog(LambdaInvocations.class);

	private LambdaInvocations() {
	}

	/**
	 * Invokes {@code target}'s function through its guard; invocation failures and
	 * timeouts count against the breaker (a function's own error does not: the function
	 * ran).
	 */
	static Mono<LambdaResult> invoke(LambdaInvoker lambda, IntegrationTarget target, BackendGuard guard,
			HttpMethod clientMethod, byte[] payload) {
		FunctionRef function = target.function();
		Mono<LambdaResult> call = Mono.defer(() -> lambda.invoke(function, payload, target.timeout()));
		return guard.call(clientMethod, call, result -> false, result -> false)
			.onErrorMap(LambdaInvocationException.class, error -> {
				if (timedOut(error)) {
					return GatewayException.of(GatewayResponseType.INTEGRATION_TIMEOUT);
				}
				LOG.warn("Execution failed: invoking " + function + " failed: " + error.getMessage());
				return GatewayException.withStatus(GatewayResponseType.INTEGRATION_FAILURE, 502, error);
			});
	}

	private static boolean timedOut(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException || cause instanceof io.netty.handler.timeout.ReadTimeoutException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

}
