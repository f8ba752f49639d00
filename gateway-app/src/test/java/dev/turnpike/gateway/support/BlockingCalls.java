package dev.turnpike.gateway.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.blockhound.BlockHound;

/**
 * BlockHound in every test that boots a gateway: a blocking call (sleep, socket or file
 * I/O, a lock wait) on an event-loop or parallel-scheduler thread is recorded with its
 * stack, and {@link RunningGateway#close()} fails the test class when any was recorded.
 * Recording rather than throwing: an error thrown from inside a library's own critical
 * section (Lettuce's endpoint lock, say) would leave the library broken and the test
 * hanging instead of failing. The allowances are the blocking Turnpike accepts on those
 * threads, each with its reason; anything else is a bug.
 */
public final class BlockingCalls {

	private static final List<String> RECORDED = new CopyOnWriteArrayList<>();

	private static final String SHARED_CONNECTION = "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory$SharedConnection";

	private static volatile boolean installed;

	private BlockingCalls() {
	}

	public static synchronized void install() {
		if (installed) {
			return;
		}
		// install(...) also loads the integrations libraries ship (reactor-core's marks
		// its non-blocking threads);
		// BlockHound.builder() alone would load none and check nothing.
		BlockHound.install(builder -> builder
			// Log lines and stdout access logs are written by the thread that logs
			// (Logback's appenders and
			// System.out); a console write is bounded and this is how every Spring Boot
			// app logs.
			.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
			.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend")
			.allowBlockingCallsInside("java.io.PrintStream", "println")
			.allowBlockingCallsInside("java.io.PrintStream", "write")
			// The JDK's SecureRandom reads the OS entropy source.
			.allowBlockingCallsInside("java.security.SecureRandom", "nextBytes")
			.allowBlockingCallsInside("java.util.UUID", "randomUUID")
			// Libraries' own short critical sections, waited on only under contention:
			// Jackson builds a type's
			// deserializer once under a lock; Netty's adaptive allocator locks a magazine
			// to grow or free it;
			// Lettuce's endpoint lock is held exclusively only while a connection is
			// reset or closed.
			.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
					"_createAndCacheValueDeserializer")
			.allowBlockingCallsInside("tools.jackson.databind.ser.SerializerCache", "addAndResolveNonTypedSerializer")
			.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines")
			.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free")
			.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters")
			.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "doExclusive")
			// Resilience4j records each call's outcome in its sliding window under a lock
			// held for an array
			// update; Spring Data Redis hands out its one shared connection, and a
			// script's SHA-1, under a lock
			// held for a field read once the connection exists. Event loops wait on these
			// only when two ask at the
			// same instant. Opening or validating that connection inside the lock stays a
			// failure.
			.allowBlockingCallsInside("io.github.resilience4j.core.metrics.FixedSizeSlidingWindowMetrics", "record")
			.allowBlockingCallsInside(SHARED_CONNECTION, "getConnection")
			// The same factory lock guards creating the shared connection's holder (a
			// field write).
			.allowBlockingCallsInside("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
					"getOrCreateSharedReactiveConnection")
			.disallowBlockingCallsInside(SHARED_CONNECTION, "getNativeConnection")
			.disallowBlockingCallsInside(SHARED_CONNECTION, "validateConnection")
			.allowBlockingCallsInside("org.springframework.data.redis.core.script.DefaultRedisScript", "getSha1")
			.blockingMethodCallback(method -> RECORDED.add(method + " on " + Thread.currentThread().getName() + "\n"
					+ stack(new Throwable("blocking call")))));
		installed = true;
	}

	/** The blocking calls recorded since the last call, which it forgets. */
	public static synchronized List<String> takeRecorded() {
		List<String> recorded = new ArrayList<>(RECORDED);
		RECORDED.clear();
		return recorded;
	}

	/** Fails, listing each, when blocking calls were recorded since the last check. */
	public static void assertNoneRecorded() {
		List<String> recorded = takeRecorded();
		if (!recorded.isEmpty()) {
			throw new AssertionError(recorded.size() + " blocking call(s) on non-blocking threads:\n"
					+ String.join("\n", recorded.subList(0, Math.min(3, recorded.size()))));
		}
	}

	private static String stack(Throwable throwable) {
		StringWriter text = new StringWriter();
		throwable.printStackTrace(new PrintWriter(text));
		return text.toString();
	}

}
