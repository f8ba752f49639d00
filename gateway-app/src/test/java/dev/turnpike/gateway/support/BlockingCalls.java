package dev.turnpike.gateway.support;

import reactor.blockhound.BlockHound;

/**
 * BlockHound in every test that boots a gateway: a blocking call (sleep, socket or file I/O, a lock wait) on an
 * event-loop or parallel-scheduler thread throws {@code BlockingOperationError}, which the request answers as a
 * 500 and the test fails on. The allowances are the blocking Turnpike accepts on those threads, each with its
 * reason; anything else is a bug.
 */
public final class BlockingCalls {

	private static volatile boolean installed;

	private BlockingCalls() {
	}

	public static synchronized void install() {
		if (installed) {
			return;
		}
		// install(...) also loads the integrations libraries ship (reactor-core's marks its non-blocking threads);
		// BlockHound.builder() alone would load none and check nothing.
		BlockHound.install(builder -> builder
			// Log lines and stdout access logs are written by the thread that logs (Logback's appenders and
			// System.out); a console write is bounded and this is how every Spring Boot app logs.
			.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
			.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend")
			.allowBlockingCallsInside("java.io.PrintStream", "println")
			.allowBlockingCallsInside("java.io.PrintStream", "write")
			// The JDK's SecureRandom reads the OS entropy source.
			.allowBlockingCallsInside("java.security.SecureRandom", "nextBytes")
			.allowBlockingCallsInside("java.util.UUID", "randomUUID")
			// Libraries' own short critical sections, waited on only under contention: Jackson builds a type's
			// deserializer once under a lock; Netty's adaptive allocator locks a magazine to grow or free it.
			.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer")
			.allowBlockingCallsInside("tools.jackson.databind.ser.SerializerCache", "addAndResolveNonTypedSerializer")
			.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines")
			.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free"));
		installed = true;
	}

}
