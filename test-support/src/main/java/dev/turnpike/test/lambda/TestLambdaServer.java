package dev.turnpike.test.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real Lambda-compatible endpoint for tests: {@code POST
 * /2015-03-31/functions/{name}/invocations}, the Lambda Invoke API shape. Each function
 * is a handler from the event bytes to a {@link Reply}; every event received is recorded,
 * so a test can count invocations and read what the gateway sent.
 */
public final class TestLambdaServer implements AutoCloseable {

	private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

	/**
	 * What a function answers: a payload, or a function error
	 * ({@code X-Amz-Function-Error}) with a message.
	 */
	public record Reply(String payload, String functionError, Duration delay) {

		public static Reply json(String payload) {
			return new Reply(payload, null, Duration.ZERO);
		}

		/**
		 * The function failed: {@code {"errorMessage": message, "errorType": "Error"}}.
		 */
		public static Reply error(String message) {
			return new Reply("{\"errorMessage\":\"" + message + "\",\"errorType\":\"Error\"}", "Unhandled",
					Duration.ZERO);
		}

		public Reply delayedBy(Duration by) {
			return new Reply(this.payload, this.functionError, by);
		}

	}

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, Function<byte[], Reply>> functions = new ConcurrentHashMap<>();

	private final Map<String, List<byte[]>> invocations = new ConcurrentHashMap<>();

	private final Map<String, Map<String, String>> lastHeaders = new ConcurrentHashMap<>();

	private TestLambdaServer(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	public static TestLambdaServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
			ExecutorService executor = Executors.newCachedThreadPool(r -> {
				Thread thread = new Thread(r, "test-lambda");
				thread.setDaemon(true);
				return thread;
			});
			TestLambdaServer lambda = new TestLambdaServer(server, executor);
			server.createContext("/", lambda::serve);
			server.setExecutor(executor);
			server.start();
			return lambda;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public TestLambdaServer function(String name, Function<byte[], Reply> handler) {
		this.functions.put(name, handler);
		return this;
	}

	/** The events {@code name} received, oldest first. */
	public List<byte[]> invocations(String name) {
		return List.copyOf(this.invocations.getOrDefault(name, List.of()));
	}

	public int invocationCount(String name) {
		return invocations(name).size();
	}

	public String lastEvent(String name) {
		List<byte[]> events = invocations(name);
		if (events.isEmpty()) {
			throw new AssertionError("function " + name + " was never invoked");
		}
		return new String(events.get(events.size() - 1), StandardCharsets.UTF_8);
	}

	/**
	 * The HTTP headers of the last invocation of {@code name} (names case-insensitive).
	 */
	public Map<String, String> lastHeaders(String name) {
		Map<String, String> headers = this.lastHeaders.get(name);
		if (headers == null) {
			throw new AssertionError("function " + name + " was never invoked");
		}
		return headers;
	}

	public void reset() {
		this.invocations.clear();
		this.lastHeaders.clear();
	}

	private void serve(HttpExchange exchange) throws IOException {
		try (exchange) {
			Matcher matcher = INVOKE.matcher(exchange.getRequestURI().getPath());
			byte[] event = exchange.getRequestBody().readAllBytes();
			if (!"POST".equals(exchange.getRequestMethod()) || !matcher.matches()) {
				send(exchange, 404, "{\"Message\":\"not a Lambda invocation\"}", null);
				return;
			}
			String name = matcher.group(1);
			Function<byte[], Reply> handler = this.functions.get(name);
			if (handler == null) {
				send(exchange, 404, "{\"Type\":\"User\",\"Message\":\"Function not found: " + name + "\"}", null);
				return;
			}
			this.invocations.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(event);
			Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			exchange.getRequestHeaders().forEach((header, values) -> headers.put(header, String.join(",", values)));
			this.lastHeaders.put(name, headers);
			Reply reply = handler.apply(event);
			if (!reply.delay().isZero()) {
				Thread.sleep(reply.delay().toMillis());
			}
			send(exchange, 200, reply.payload(), reply.functionError());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// the caller went away (a timeout); nothing to answer
		}
	}

	private static void send(HttpExchange exchange, int status, String body, String functionError) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		if (functionError != null) {
			exchange.getResponseHeaders().set("X-Amz-Function-Error", functionError);
		}
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
