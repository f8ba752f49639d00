package dev.turnpike.gateway.hardening;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Bounded concurrent traffic for fault tests: a few client threads (the JDK HTTP client)
 * send requests until stopped, until a request budget is spent, or until a deadline, and
 * every exchange is recorded with when it started and ended, so a test can ask what
 * happened before, during and after the fault it injected.
 */
final class Traffic implements AutoCloseable {

	/**
	 * One exchange; status -1 when the connection failed (the gateway closed it), -2 when
	 * no complete answer came within {@link #ANSWER_TIMEOUT}.
	 */
	record Exchange(String path, long startNanos, long endNanos, int status, String errorType, String body) {

		long millis() {
			return Duration.ofNanos(this.endNanos - this.startNanos).toMillis();
		}

	}

	static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicInteger budget;

	private final List<Thread> workers = new ArrayList<>();

	private Traffic(int maxRequests) {
		this.budget = new AtomicInteger(maxRequests);
	}

	/**
	 * Starts {@code concurrency} clients sending {@code request.apply(n)} (n counts from
	 * 0), at most {@code maxRequests} in all and for at most {@code maxDuration}; each
	 * request may take up to 10 s.
	 */
	static Traffic start(int concurrency, int maxRequests, Duration maxDuration, IntFunction<HttpRequest> request) {
		return start(concurrency, maxRequests, maxDuration, Duration.ZERO, request);
	}

	/**
	 * As {@link #start(int, int, Duration, IntFunction)}, each client pausing
	 * {@code pause} between requests.
	 */
	static Traffic start(int concurrency, int maxRequests, Duration maxDuration, Duration pause,
			IntFunction<HttpRequest> request) {
		Traffic traffic = new Traffic(maxRequests);
		long deadline = System.nanoTime() + maxDuration.toNanos();
		AtomicInteger sequence = new AtomicInteger();
		for (int i = 0; i < concurrency; i++) {
			Thread worker = new Thread(() -> {
				while (traffic.running.get() && System.nanoTime() < deadline && traffic.budget.getAndDecrement() > 0) {
					traffic.send(request.apply(sequence.getAndIncrement()));
					pause(pause);
				}
			}, "traffic-" + i);
			worker.setDaemon(true);
			traffic.workers.add(worker);
			worker.start();
		}
		return traffic;
	}

	private void send(HttpRequest request) {
		long start = System.nanoTime();
		try {
			// The request timeout ends with the response head; a body that never
			// completes is bounded here.
			HttpResponse<String> response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
				.get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			this.exchanges.add(new Exchange(request.uri().getPath(), start, System.nanoTime(), response.statusCode(),
					response.headers().firstValue("x-amzn-ErrorType").orElse(null), response.body()));
		}
		catch (ExecutionException ex) {
			this.exchanges.add(new Exchange(request.uri().getPath(), start, System.nanoTime(), -1, null,
					String.valueOf(ex.getCause())));
		}
		catch (TimeoutException ex) {
			this.exchanges
				.add(new Exchange(request.uri().getPath(), start, System.nanoTime(), -2, null, "no complete answer"));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void pause(Duration pause) {
		if (!pause.isZero()) {
			try {
				Thread.sleep(pause.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Stops the clients and waits for the requests in flight. */
	Traffic stop() {
		this.running.set(false);
		for (Thread worker : this.workers) {
			try {
				worker.join(15_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return this;
	}

	/** Waits until the budget or the deadline ends the traffic. */
	Traffic awaitEnd() {
		for (Thread worker : this.workers) {
			try {
				worker.join(60_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return this;
	}

	List<Exchange> exchanges() {
		return List.copyOf(this.exchanges);
	}

	List<Exchange> where(Predicate<Exchange> condition) {
		return this.exchanges.stream().filter(condition).toList();
	}

	/** How many exchanges ended with each status. */
	Map<Integer, Long> statuses() {
		Map<Integer, Long> statuses = new TreeMap<>();
		this.exchanges.forEach(exchange -> statuses.merge(exchange.status(), 1L, Long::sum));
		return statuses;
	}

	long count(int status) {
		return this.exchanges.stream().filter(exchange -> exchange.status() == status).count();
	}

	/** Exchanges that took longer than {@code bound}. */
	long slowerThan(Duration bound) {
		return this.exchanges.stream().filter(exchange -> exchange.millis() > bound.toMillis()).count();
	}

	int size() {
		return this.exchanges.size();
	}

	@Override
	public void close() {
		stop();
	}

}
