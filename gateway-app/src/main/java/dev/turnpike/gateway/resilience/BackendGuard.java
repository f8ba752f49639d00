package dev.turnpike.gateway.resilience;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

import dev.turnpike.gateway.error.GatewayException;

/**
 * What stands between the gateway and one backend: a bulkhead (a cap on calls in flight)
 * and a circuit breaker (after too many failures, calls are refused at once for a while,
 * then a few trial calls decide whether it closes again, on its own), plus retries for
 * idempotent methods when configured. A failure is an exception (no connection, a
 * timeout) or a 5xx answer. Refused calls get 503 {@code Service Unavailable} without
 * touching the backend.
 */
public final class BackendGuard {

	private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.PUT, HttpMethod.DELETE);

	private final String name;

	private final CircuitBreaker breaker;

	private final Bulkhead bulkhead;

	private final int maxAttempts;

	private final Duration retryWait;

	BackendGuard(String name, CircuitBreaker breaker, Bulkhead bulkhead, int maxAttempts, Duration retryWait) {
		this.name = name;
		this.breaker = breaker;
		this.bulkhead = bulkhead;
		this.maxAttempts = Math.max(1, maxAttempts);
		this.retryWait = retryWait;
	}

	public String name() {
		return this.name;
	}

	public CircuitBreaker.State state() {
		return this.breaker.getState();
	}

	/**
	 * Guards a call whose result may itself be a failure (a 5xx answer). A refused call
	 * fails with a 503 gateway response; an idempotent request is retried after a
	 * connection failure or a 502/503/504, up to the configured attempts.
	 */
	public <T> Mono<T> call(HttpMethod method, Mono<T> call, Predicate<T> isServerError, Predicate<T> isRetryable) {
		Mono<T> once = Mono.defer(() -> guarded(call, isServerError));
		if (this.maxAttempts <= 1 || !IDEMPOTENT.contains(method)) {
			return once;
		}
		Retry retry = Retry.of(this.name,
				RetryConfig.<T>custom()
					.maxAttempts(this.maxAttempts)
					.waitDuration(this.retryWait)
					.retryOnResult(isRetryable)
					.retryOnException(BackendGuard::retryable)
					.failAfterMaxAttempts(false)
					.build());
		return once.transformDeferred(RetryOperator.of(retry));
	}

	/**
	 * A failure worth another attempt: the backend could not be reached or dropped the
	 * connection.
	 */
	private static boolean retryable(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.net.ConnectException || cause instanceof reactor.netty.channel.AbortedException
					|| cause instanceof reactor.netty.http.client.PrematureCloseException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private <T> Mono<T> guarded(Mono<T> call, Predicate<T> isServerError) {
		if (!this.bulkhead.tryAcquirePermission()) {
			return Mono.error(refused("too many calls in flight"));
		}
		if (!this.breaker.tryAcquirePermission()) {
			this.bulkhead.onComplete();
			return Mono.error(refused("the circuit breaker is open"));
		}
		long started = System.nanoTime();
		return call.doOnNext(result -> {
			if (isServerError.test(result)) {
				this.breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, new ServerErrorAnswer());
			}
			else {
				this.breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			}
		}).doOnError(error -> {
			if (!(error instanceof GatewayException gateway && gateway.status() < 500)) {
				this.breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, error);
			}
			else {
				this.breaker.releasePermission();
			}
		}).doOnCancel(this.breaker::releasePermission).doFinally(signal -> this.bulkhead.onComplete());
	}

	/**
	 * Guards a streaming proxy call, whose outcome is only known from the response status
	 * once the backend has answered ({@code status} reads it then). Never retried: the
	 * request body has been streamed.
	 */
	public Mono<Void> proxy(Mono<Void> call, java.util.function.IntSupplier status) {
		return guarded(call.then(Mono.fromSupplier(status::getAsInt)), code -> code >= 500).then();
	}

	private GatewayException refused(String why) {
		return GatewayException.unavailable("Service Unavailable", this.name + ": " + why);
	}

	/** A 5xx answer, recorded as a failure. */
	static final class ServerErrorAnswer extends RuntimeException {

		ServerErrorAnswer() {
			super("the backend answered 5xx", null, false, false);
		}

	}

}
