package dev.turnpike.test.backend;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP backend on a free loopback port that records every request it receives, so
 * a test can prove what reached the backend (and that a rejected request never did).
 * <p>
 * By default it answers {@code 200} with a JSON echo of the request ({@code method},
 * {@code path}, {@code query}, {@code headers}, {@code body}). {@link #respond} replaces
 * that for paths starting with a prefix.
 */
public final class TestBackend implements AutoCloseable {

	/** Builds a response for a request; returning {@code null} falls back to the echo. */
	@FunctionalInterface
	public interface Handler {

		Response handle(RecordedRequest request);

	}

	/** A canned response. {@code delay} holds the response back, to exercise timeouts. */
	public record Response(int status, Map<String, String> headers, byte[] body, Duration delay) {

		public static Response of(int status, String contentType, String body) {
			return new Response(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8),
					Duration.ZERO);
		}

		public static Response json(int status, String body) {
			return of(status, "application/json", body);
		}

		public Response withHeader(String name, String value) {
			Map<String, String> copy = new LinkedHashMap<>(this.headers);
			copy.put(name, value);
			return new Response(this.status, copy, this.body, this.delay);
		}

		/** Sent with {@code Transfer-Encoding: chunked} and no {@code Content-Length}. */
		public Response chunked() {
			return withHeader("Transfer-Encoding", "chunked");
		}

		public Response delayedBy(Duration by) {
			return new Response(this.status, this.headers, this.body, by);
		}

	}

	private final HttpServer server;

	private final ExecutorService executor;

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private final Map<String, Handler> handlers = new java.util.concurrent.ConcurrentHashMap<>();

	private TestBackend(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	/** Starts a backend on a free port of 127.0.0.1. */
	public static TestBackend start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
			ExecutorService executor = Executors.newCachedThreadPool(r -> {
				Thread thread = new Thread(r, "test-backend");
				thread.setDaemon(true);
				return thread;
			});
			TestBackend backend = new TestBackend(server, executor);
			server.createContext("/", backend::serve);
			server.setExecutor(executor);
			server.start();
			return backend;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** {@code http://127.0.0.1:<port>} without a trailing slash. */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * Answers requests whose path starts with {@code pathPrefix} with {@code handler}
	 * (longest prefix wins).
	 */
	public TestBackend respond(String pathPrefix, Handler handler) {
		this.handlers.put(pathPrefix, handler);
		return this;
	}

	public TestBackend respond(String pathPrefix, Response response) {
		return respond(pathPrefix, request -> response);
	}

	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	public int requestCount() {
		return this.requests.size();
	}

	/** The last request received; fails when none was. */
	public RecordedRequest lastRequest() {
		if (this.requests.isEmpty()) {
			throw new AssertionError("the backend received no request");
		}
		return this.requests.get(this.requests.size() - 1);
	}

	/** Forgets recorded requests and custom handlers. */
	public void reset() {
		this.requests.clear();
		this.handlers.clear();
	}

	private void serve(HttpExchange exchange) throws IOException {
		try (exchange) {
			RecordedRequest request = record(exchange);
			this.requests.add(request);
			Response response = handlerFor(request.path()).handle(request);
			if (response == null) {
				response = Response.json(200, echo(request));
			}
			pause(response.delay());
			boolean chunked = "chunked".equalsIgnoreCase(response.headers().get("Transfer-Encoding"));
			response.headers().forEach((name, value) -> {
				if (!name.equalsIgnoreCase("Transfer-Encoding")) {
					exchange.getResponseHeaders().add(name, value);
				}
			});
			boolean noBody = response.body().length == 0 || "HEAD".equals(request.method()) || response.status() == 204
					|| response.status() == 304;
			// 0 makes the JDK's server send the body chunked.
			exchange.sendResponseHeaders(response.status(), noBody ? -1 : chunked ? 0 : response.body().length);
			if (!noBody) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(response.body());
				}
			}
		}
		catch (IOException ex) {
			// the client went away (for example after a gateway timeout); nothing to
			// answer
		}
	}

	private Handler handlerFor(String path) {
		String best = null;
		for (String prefix : this.handlers.keySet()) {
			if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
				best = prefix;
			}
		}
		return (best == null) ? request -> null : this.handlers.get(best);
	}

	private static void pause(Duration delay) {
		if (!delay.isZero()) {
			try {
				Thread.sleep(delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static RecordedRequest record(HttpExchange exchange) throws IOException {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders()
			.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
		byte[] body = exchange.getRequestBody().readAllBytes();
		return new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
				exchange.getRequestURI().getRawQuery(), headers, body);
	}

	/** A JSON echo of the request; enough JSON escaping for test data. */
	static String echo(RecordedRequest request) {
		StringBuilder json = new StringBuilder("{\"method\":").append(quote(request.method()));
		json.append(",\"path\":").append(quote(request.path()));
		json.append(",\"query\":").append((request.rawQuery() == null) ? "null" : quote(request.rawQuery()));
		json.append(",\"headers\":{");
		boolean first = true;
		for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
			json.append(first ? "" : ",")
				.append(quote(header.getKey()))
				.append(':')
				.append(quote(String.join(",", header.getValue())));
			first = false;
		}
		json.append("},\"body\":").append(quote(request.bodyAsString())).append('}');
		return json.toString();
	}

	static String quote(String value) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
