package dev.turnpike.gateway.usageplan;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;

/**
 * Starts the background parts of usage-plan enforcement (listening for key and plan
 * changes, the replica heartbeat) when the first request needs them, so a gateway whose
 * APIs use no keys or throttles never talks to Redis.
 */
public final class UsagePlanRuntime implements AutoCloseable {

	private final ApiKeyDirectory directory;

	private final ReplicaRegistry replicas;

	private final ReactiveRedisConnectionFactory connections;

	private final AtomicBoolean started = new AtomicBoolean();

	private ReactiveRedisMessageListenerContainer container;

	UsagePlanRuntime(ApiKeyDirectory directory, ReplicaRegistry replicas, ReactiveRedisConnectionFactory connections) {
		this.directory = directory;
		this.replicas = replicas;
		this.connections = connections;
	}

	/**
	 * Warms the Redis path (connection, script cache, codecs, class loading) so the first
	 * request is not the slow one.
	 */
	private volatile Runnable warmUp = () -> {
	};

	void warmUpWith(Runnable action) {
		this.warmUp = action;
	}

	public void ensureStarted() {
		if (!this.started.get() && this.started.compareAndSet(false, true)) {
			this.warmUp.run();
			this.replicas.start();
			// The container connects when created, so it is created off the request
			// path's critical section and
			// only once; while Redis is down the directory retries subscribing with
			// backoff.
			this.directory.listen(() -> {
				if (this.container == null) {
					this.container = new ReactiveRedisMessageListenerContainer(this.connections);
				}
				return this.container;
			});
		}
	}

	boolean isStarted() {
		return this.started.get();
	}

	@Override
	public void close() {
		if (this.started.get()) {
			this.directory.close();
			this.replicas.close();
			if (this.container != null) {
				this.container.destroy();
			}
		}
	}

}
