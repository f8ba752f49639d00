package dev.turnpike.authorizer.invoke;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/** Handlers the Invoke API tests host by class name, as Lambda would. */
public final class TestHandlers {

	private TestHandlers() {
	}

	/** Answers with its input and what its context says. */
	public static class Echo implements RequestHandler<Map<String, Object>, Map<String, Object>> {

		@Override
		public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
			Map<String, Object> output = new LinkedHashMap<>();
			output.put("input", input);
			output.put("functionName", context.getFunctionName());
			output.put("functionArn", context.getInvokedFunctionArn());
			output.put("requestId", context.getAwsRequestId());
			output.put("remainingMillis", context.getRemainingTimeInMillis());
			return output;
		}

	}

	/** Counts its invocations, so a test can tell that a refused call ran nothing. */
	public static class Counting implements RequestHandler<Map<String, Object>, String> {

		public static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();

		@Override
		public String handleRequest(Map<String, Object> input, Context context) {
			return "run " + RUNS.incrementAndGet();
		}

	}

	public static class Failing implements RequestHandler<Map<String, Object>, String> {

		@Override
		public String handleRequest(Map<String, Object> input, Context context) {
			throw new IllegalArgumentException("no " + input.get("what") + " here");
		}

	}

	/** Runs until interrupted. */
	public static class Endless implements RequestHandler<Map<String, Object>, String> {

		public static final Semaphore INTERRUPTED = new Semaphore(0);

		@Override
		public String handleRequest(Map<String, Object> input, Context context) {
			try {
				Thread.sleep(60_000);
				return "finished";
			}
			catch (InterruptedException ex) {
				INTERRUPTED.release();
				Thread.currentThread().interrupt();
				return "interrupted";
			}
		}

	}

	/** Holds every invocation until the test releases it. */
	public static class Gate implements RequestHandler<Map<String, Object>, String> {

		public static final Semaphore ENTERED = new Semaphore(0);

		public static volatile CountDownLatch open = new CountDownLatch(1);

		@Override
		public String handleRequest(Map<String, Object> input, Context context) {
			ENTERED.release();
			try {
				return open.await(10, TimeUnit.SECONDS) ? "passed" : "gave up";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return "interrupted";
			}
		}

	}

	/** A stream handler: upper-cases its input. */
	public static class Shout implements RequestStreamHandler {

		@Override
		public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
			output.write(new String(input.readAllBytes(), StandardCharsets.UTF_8).toUpperCase(Locale.ROOT)
				.getBytes(StandardCharsets.UTF_8));
		}

	}

}
