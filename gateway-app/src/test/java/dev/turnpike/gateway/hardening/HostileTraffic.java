package dev.turnpike.gateway.hardening;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;

import dev.turnpike.test.hardening.HardeningFigures;

/**
 * Sends a category's hostile requests over a few concurrent connections and judges every
 * answer, counting into the suite's {@link HardeningFigures}: {@code <category>.sent},
 * {@code <category>.bad-answers} (with the first few kept for the failure message),
 * {@code <category>.closed-connections}, the answers by status and error type
 * ({@code <category>.status.401-UnauthorizedException}, {@code .status.400-bare},
 * {@code .status.closed}), and the suite-wide {@code sent} and
 * {@code server-errors-from-turnpike}.
 */
final class HostileTraffic implements AutoCloseable {

	/**
	 * Connections in flight at once: enough to overlap work, few enough for a shared
	 * 2-core machine.
	 */
	static final int CONCURRENCY = 4;

	/** Judges one answer: why it is wrong, or {@code null}. */
	@FunctionalInterface
	interface Judge extends Function<Answer, String> {

		/**
		 * An AWS-style rejection (4xx or documented 5xx, with the gateway's headers and
		 * JSON body).
		 */
		Judge REJECTED = Answer::notARejection;

		/**
		 * As {@link #REJECTED}, or a connection closed without a response (a request the
		 * server cannot parse).
		 */
		Judge REJECTED_OR_CLOSED = answer -> answer.closed() ? null : answer.notARejection();

	}

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);

	private final HardeningFigures figures;

	private final Map<String, List<String>> samples = new ConcurrentHashMap<>();

	private final RawHttp raw;

	HostileTraffic(int port, HardeningFigures figures) {
		this.raw = new RawHttp(port);
		this.figures = figures;
	}

	/** One request and how to judge its answer. */
	record Attempt(HttpRequest request, Judge judge) {

	}

	/**
	 * Sends {@code count} requests made by {@code requests} (which gets the index),
	 * judging each answer.
	 */
	void send(String category, int count, IntFunction<HttpRequest> requests, Judge judge) {
		sendJudged(category, count, n -> new Attempt(requests.apply(n), judge));
	}

	/**
	 * Sends {@code count} requests, each judged its own way (when the right answer
	 * depends on the request).
	 */
	void sendJudged(String category, int count, IntFunction<Attempt> attempts) {
		run(category, count, n -> {
			Attempt attempt = attempts.apply(n);
			judged(category, attempt.request().method() + " " + attempt.request().uri(), answer(attempt.request()),
					attempt.judge());
		});
	}

	/**
	 * Sends {@code count} raw requests (new connection each) made by {@code requests},
	 * judging every answer.
	 */
	void sendRaw(String category, int count, IntFunction<String> requests, Judge judge) {
		run(category, count, n -> {
			String request = requests.apply(n);
			String shown = request.substring(0, Math.min(200, request.length())).replace("\r\n", "\\r\\n");
			this.raw.exchange(request).forEach(answer -> judged(category, shown, answer, judge));
		});
	}

	private void run(String category, int count, java.util.function.IntConsumer one) {
		List<Future<?>> pending = new ArrayList<>();
		AtomicLong next = new AtomicLong();
		for (int worker = 0; worker < CONCURRENCY; worker++) {
			pending.add(this.pool.submit(() -> {
				for (long n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
					one.accept((int) n);
					this.figures.add("sent", 1).add(category + ".sent", 1);
				}
			}));
		}
		for (Future<?> future : pending) {
			try {
				future.get(120, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException("sending " + category + " failed", ex);
			}
		}
	}

	private void judged(String category, String request, Answer answer, Judge judge) {
		if (answer.closed()) {
			this.figures.add(category + ".closed-connections", 1);
		}
		this.figures.add(category + ".status." + statusLabel(answer), 1);
		if (answer.serverErrorFromTurnpike()) {
			this.figures.add("server-errors-from-turnpike", 1);
		}
		String wrong = judge.apply(answer);
		if (wrong != null) {
			this.figures.add(category + ".bad-answers", 1);
			List<String> kept = this.samples.computeIfAbsent(category,
					c -> new java.util.concurrent.CopyOnWriteArrayList<>());
			if (kept.size() < 8) {
				kept.add(wrong + " <- " + request + " => " + answer);
			}
		}
	}

	/**
	 * {@code closed}, {@code 200}, {@code 401-UnauthorizedException}, or {@code 400-bare}
	 * for an error without a type.
	 */
	private static String statusLabel(Answer answer) {
		if (answer.closed()) {
			return "closed";
		}
		if (answer.status() < 400) {
			return Integer.toString(answer.status());
		}
		return answer.status() + "-" + ((answer.errorType() != null) ? answer.errorType() : "bare");
	}

	private Answer answer(HttpRequest request) {
		try {
			HttpResponse<byte[]> response = this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
			return Answer.of(response.statusCode(), response.headers().map(),
					new String(response.body(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return Answer.closedConnection();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The first few wrong answers of a category, for the assertion message. */
	List<String> samples(String category) {
		return this.samples.getOrDefault(category, List.of());
	}

	/** One answer to one request, for the control and detail checks. */
	Answer once(HttpRequest request) {
		return answer(request);
	}

	@Override
	public void close() {
		this.pool.shutdownNow();
	}

}
