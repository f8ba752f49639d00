package dev.turnpike.gateway;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps the gateway's first connection to Redis off event loops and Reactor's parallel
 * threads. Spring Data Redis opens its shared connection synchronously on whatever thread
 * first subscribes to a command, and while Redis is down that wait is the whole connect
 * timeout; so until a command has succeeded, commands are subscribed on the
 * bounded-elastic scheduler (their callers' timeouts still apply). Once the connection
 * exists, Lettuce reconnects it in the background and commands run where they are.
 */
public final class RedisFirstConnection {

	private volatile boolean connected;

	/** {@code command}, subscribed where it cannot block a non-blocking thread. */
	public <T> Mono<T> place(Mono<T> command) {
		if (this.connected) {
			return command.doOnError(this::forgetOnConnectionFailure);
		}
		return command.subscribeOn(Schedulers.boundedElastic())
			.doOnSuccess(value -> this.connected = true)
			.doOnError(this::forgetOnConnectionFailure);
	}

	/**
	 * Spring Data Redis may drop its shared connection when it fails; the next one is
	 * opened off the non-blocking threads again.
	 */
	private void forgetOnConnectionFailure(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof org.springframework.data.redis.RedisConnectionFailureException
					|| cause instanceof io.lettuce.core.RedisConnectionException) {
				this.connected = false;
				return;
			}
			if (cause.getCause() == cause) {
				return;
			}
		}
	}

	/** Whether a command has succeeded, so the shared connection exists. */
	public boolean isConnected() {
		return this.connected;
	}

}
