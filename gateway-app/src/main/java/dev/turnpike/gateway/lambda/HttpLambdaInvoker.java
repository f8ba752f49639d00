package dev.turnpike.gateway.lambda;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.netty.buffer.Unpooled;
import io.micrometer.tracing.propagation.Propagator;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.web.util.UriUtils;

import dev.turnpike.gateway.observability.Spans;

/**
 * Invokes functions over the Lambda Invoke API shape on an HTTP endpoint inside the
 * cluster: {@code POST
 * {endpoint}/2015-03-31/functions/{name}/invocations[?Qualifier=..]}, as served by
 * Turnpike's authorizer-service and by AWS's Lambda runtime interface emulator. Each
 * invocation is signed by the {@link InvokeSigner} (SigV4 with the gateway's key pair, or
 * not at all).
 */
final class HttpLambdaInvoker {

	private final HttpClient http;

	private final Propagator propagator;

	private final InvokeSigner signer;

	/**
	 * @param propagator writes the current trace into each invocation's headers
	 * ({@code null}: none)
	 * @param signer signs each invocation
	 */
	HttpLambdaInvoker(HttpClient http, Propagator propagator, InvokeSigner signer) {
		this.http = http;
		this.propagator = propagator;
		this.signer = signer;
	}

	Mono<LambdaResult> invoke(String endpoint, FunctionRef function, byte[] payload, Duration timeout) {
		String url = endpoint.replaceAll("/+$", "") + "/2015-03-31/functions/"
				+ UriUtils.encodePathSegment(function.name(), java.nio.charset.StandardCharsets.UTF_8) + "/invocations"
				+ ((function.qualifier() != null) ? "?Qualifier=" + function.qualifier() : "");
		return Mono.deferContextual(context -> invoke(url, Spans.traceHeaders(context, this.propagator), function,
				endpoint, payload, timeout));
	}

	private Mono<LambdaResult> invoke(String url, Map<String, String> trace, FunctionRef function, String endpoint,
			byte[] payload, Duration timeout) {
		Map<String, String> request = new LinkedHashMap<>();
		request.put("Content-Type", "application/json");
		request.put("X-Amz-Invocation-Type", "RequestResponse");
		// Signing hashes the payload: CPU work bounded by the payload limit, no I/O, so
		// it stays on this thread.
		return Mono.fromCallable(() -> this.signer.headersFor(url, request, payload))
			.flatMap(signed -> send(url, signed, trace, payload, function, endpoint))
			.timeout(timeout)
			.onErrorMap(error -> !(error instanceof LambdaInvocationException),
					error -> new LambdaInvocationException((error instanceof TimeoutException)
							? "invoking " + function + " timed out after " + timeout.toMillis() + " ms"
							: "invoking " + function + " at " + endpoint + " failed: " + error, error));
	}

	private Mono<LambdaResult> send(String url, Map<String, String> signed, Map<String, String> trace, byte[] payload,
			FunctionRef function, String endpoint) {
		return this.http.headers(headers -> {
			signed.forEach(headers::set);
			trace.forEach(headers::set);
		})
			.post()
			.uri(url)
			.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(payload)))
			.responseSingle((response, body) -> body.asByteArray().defaultIfEmpty(new byte[0]).map(bytes -> {
				if (response.status().code() != 200) {
					throw new LambdaInvocationException(
							"invoking " + function + " at " + endpoint + " answered " + response.status().code() + ": "
									+ new String(bytes, java.nio.charset.StandardCharsets.UTF_8),
							null);
				}
				return new LambdaResult(bytes, response.responseHeaders().get("X-Amz-Function-Error"));
			}));
	}

}
