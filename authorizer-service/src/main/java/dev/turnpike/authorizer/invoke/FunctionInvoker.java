package dev.turnpike.authorizer.invoke;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;

/**
 * Runs invocations on a bounded pool: each within its function's timeout (a function
 * still running then is interrupted and the invocation fails as Lambda's does,
 * {@code Task timed out after N seconds}), and no more than {@code maxConcurrency} at
 * once (beyond that the caller is throttled, as Lambda throttles). An exception thrown by
 * the handler is the function's error: {@code errorMessage} and {@code errorType}, the
 * shape the Lambda runtime reports.
 */
public final class FunctionInvoker implements DisposableBean {

	private static final Log LOG = LogFactory.getLog(FunctionInvoker.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final FunctionsProperties properties;

	private final ThreadPoolExecutor pool;

	private final Clock clock;

	private final MeterRegistry meters;

	/**
	 * What an invocation produced: the function's output, or its error payload when
	 * {@code functionError}.
	 */
	public record Outcome(byte[] payload, boolean functionError) {
	}

	/** The invocation could not start: every slot is busy. */
	public static final class ThrottledException extends RuntimeException {

		ThrottledException() {
			super("Rate Exceeded.", null, false, false);
		}

	}

	public FunctionInvoker(FunctionsProperties properties, Clock clock, MeterRegistry meters) {
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		AtomicInteger threads = new AtomicInteger();
		this.pool = new ThreadPoolExecutor(0, properties.maxConcurrency(), 60, TimeUnit.SECONDS,
				new SynchronousQueue<>(), task -> {
					Thread thread = new Thread(task, "function-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

	/** Runs {@code function} and waits for it, at most its timeout. */
	public Outcome invoke(LambdaFunction function, byte[] payload, String requestId) {
		Duration timeout = this.properties.timeoutOf(function.name());
		InvocationContext context = new InvocationContext(requestId, function.name(),
				this.properties.arnOf(function.name()), this.clock.instant().plus(timeout), this.clock);
		long started = System.nanoTime();
		Future<byte[]> running;
		try {
			running = this.pool.submit(() -> function.invoke(payload, context));
		}
		catch (RejectedExecutionException ex) {
			record(function, "throttled", started);
			throw new ThrottledException();
		}
		try {
			byte[] output = running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			record(function, "success", started);
			return new Outcome(output, false);
		}
		catch (TimeoutException ex) {
			running.cancel(true);
			record(function, "timeout", started);
			LOG.warn("Function " + function.name() + " timed out after " + timeout.toMillis() + " ms (request "
					+ requestId + ")");
			return error(String.format(Locale.ROOT, "Task timed out after %.2f seconds", timeout.toMillis() / 1000.0),
					"Sandbox.Timedout");
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			record(function, "error", started);
			if (LOG.isDebugEnabled()) {
				LOG.debug("Function " + function.name() + " failed (request " + requestId + ")", cause);
			}
			return error((cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getName(),
					cause.getClass().getName());
		}
		catch (InterruptedException ex) {
			running.cancel(true);
			Thread.currentThread().interrupt();
			record(function, "error", started);
			return error("the invocation was interrupted", "Runtime.Interrupted");
		}
	}

	/**
	 * Starts {@code function} without waiting (invocation type {@code Event}); its result
	 * is only logged.
	 */
	public void invokeAsync(LambdaFunction function, byte[] payload, String requestId) {
		InvocationContext context = new InvocationContext(requestId, function.name(),
				this.properties.arnOf(function.name()),
				this.clock.instant().plus(this.properties.timeoutOf(function.name())), this.clock);
		long started = System.nanoTime();
		try {
			this.pool.execute(() -> {
				try {
					function.invoke(payload, context);
					record(function, "success", started);
				}
				catch (Exception | LinkageError ex) {
					record(function, "error", started);
					LOG.warn("Asynchronous invocation of " + function.name() + " failed (request " + requestId + "): "
							+ ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			record(function, "throttled", started);
			throw new ThrottledException();
		}
	}

	private static Outcome error(String message, String type) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("errorMessage", message);
		error.put("errorType", type);
		return new Outcome(JSON.writeValueAsBytes(error), true);
	}

	private void record(LambdaFunction function, String outcome, long startedNanos) {
		Timer.builder("turnpike.function.invocations")
			.description("Function invocations by outcome")
			.tag("function", function.name())
			.tag("outcome", outcome)
			.register(this.meters)
			.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void destroy() {
		this.pool.shutdownNow();
	}

}
