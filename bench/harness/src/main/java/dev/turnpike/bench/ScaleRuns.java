package dev.turnpike.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.turnpike.usageplans.core.QuotaPeriod;
import dev.turnpike.usageplans.core.QuotaSettings;
import dev.turnpike.usageplans.core.ThrottleSettings;

/**
 * The scale and accuracy runs: 1 000 routes, 1 000 000 API keys in Redis, and three
 * gateways sharing one Redis enforcing a plan's quota and throttle.
 */
final class ScaleRuns {

	private static final int KEYS_BEFORE = 10_000;

	private static final int KEYS_AFTER = 1_000_000;

	private final Bench bench;

	private final Options options;

	private final Platform platform;

	private final Wrk wrk;

	private final Report report;

	private final String issuer;

	private final String host;

	ScaleRuns(Bench bench, Options options, Platform platform, Wrk wrk, Report report, String issuer, String host) {
		this.bench = bench;
		this.options = options;
		this.platform = platform;
		this.wrk = wrk;
		this.report = report;
		this.issuer = issuer;
		this.host = host;
	}

	void run(Child turnpike) throws Exception {
		if (this.options.scaleRuns().contains("routes")) {
			routes(turnpike);
		}
		if (this.options.scaleRuns().contains("keys")) {
			keys(turnpike);
		}
		if (this.options.scaleRuns().contains("accuracy")) {
			accuracy();
		}
	}

	private static String url(int port, String path) {
		return "http://127.0.0.1:" + port + "/" + Fixtures.STAGE + path;
	}

	/**
	 * The same http_proxy route on a gateway with 6 routes and on one with 1 006,
	 * interleaved.
	 */
	private void routes(Child turnpike) throws Exception {
		Path repo = Fixtures.writeConfigRepo(this.platform.workDir().resolve("config-repo-1000"),
				this.platform.upstreamUrl(), this.issuer, 1000);
		int port = Platform.TURNPIKE_PORT + 2;
		Child large = this.platform.startTurnpike("turnpike-1000-routes", this.options.measuredCpus(), port, repo);
		try {
			Target small = new Target("6 routes: /proxy", "", url(Platform.TURNPIKE_PORT, "/proxy"), List.of(this.host),
					turnpike, "\"ok\":true");
			Target same = new Target("1 006 routes: /proxy", "", url(port, "/proxy"), List.of(this.host), large,
					"\"ok\":true");
			Target deep = new Target("1 006 routes: /svc37/items987/{id}", "", url(port, "/svc37/items987/42"),
					List.of(this.host), large, "\"ok\":true");
			List<Target> targets = List.of(small, same, deep);
			for (Target target : targets) {
				this.platform.check(target);
				this.bench.warmUp(target);
			}
			List<List<Bench.Sample>> samples = interleaved(targets, this.options.runs());
			StringBuilder md = new StringBuilder("## Routing scale: 1 000 more routes\n\n"
					+ "The same API with 1 000 extra resources (`/svc{n}/items{m}/{id}`), a second gateway on the "
					+ "measured CPU, runs interleaved.\n\n| gateway and path | req/s (median) | × 6 routes |\n|---|---|---|\n");
			double base = Bench.median(samples.get(0), Bench.Sample::requestsPerSecond);
			for (int i = 0; i < targets.size(); i++) {
				double rps = Bench.median(samples.get(i), Bench.Sample::requestsPerSecond);
				md.append("| %s | %s | %.3f |\n".formatted(targets.get(i).name(), Report.num(rps), rps / base));
			}
			this.report.section(md.toString());
		}
		finally {
			this.platform.stop(large);
		}
	}

	/** Keyed requests over 10 000 keys with 10 000 and then 1 000 000 keys in Redis. */
	private void keys(Child turnpike) throws Exception {
		Target many = new Target("keyed, 10 000 keys in turn", "", url(Platform.TURNPIKE_PORT, "/keyed"), List.of(),
				turnpike, "\"ok\":true", rotatingKeysScript(KEYS_BEFORE));
		this.bench.warmUp(many);
		List<Bench.Sample> before = interleaved(List.of(many), this.options.runs()).get(0);
		long seeded;
		long started = System.nanoTime();
		try (Fixtures.Store store = new Fixtures.Store(this.platform.redisUrl(), Platform.HASH_SECRET)) {
			for (int from = KEYS_BEFORE; from < KEYS_AFTER; from += 100_000) {
				store.putKeys("benchplan", from, Math.min(KEYS_AFTER, from + 100_000));
				Bench.log("stored " + Math.min(KEYS_AFTER, from + 100_000) + " keys");
			}
			seeded = store.dbSize();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		Target far = new Target("key 987654", "", url(Platform.TURNPIKE_PORT, "/keyed"),
				List.of(this.host, "x-api-key: " + Fixtures.keyValue(987_654)), turnpike, "\"ok\":true");
		this.platform.check(far);
		this.bench.warmUp(many);
		List<Bench.Sample> after = interleaved(List.of(many), this.options.runs()).get(0);
		double b = Bench.median(before, Bench.Sample::requestsPerSecond);
		double a = Bench.median(after, Bench.Sample::requestsPerSecond);
		this.report.section("""
				## Key scale: 1 000 000 API keys in Redis

				wrk sends the first 10 000 keys in turn (each a cached lookup plus its own token bucket and quota
				counter in Redis). Then 990 000 more keys are stored (%.0f s, pipelined; Redis then holds %s entries)
				and key 987 654 is checked to work.

				| Redis holds | req/s (median of %d) | min–max | p99 ms |
				|---|---|---|---|
				| 10 000 keys | %s | %s–%s | %.2f |
				| 1 000 000 keys | %s | %s–%s | %.2f |

				Ratio after/before: %.3f.
				""".formatted(seconds, Report.num(seeded), this.options.runs(), Report.num(b), min(before), max(before),
				Bench.median(before, Bench.Sample::p99Millis), Report.num(a), min(after), max(after),
				Bench.median(after, Bench.Sample::p99Millis), a / b));
	}

	private static String min(List<Bench.Sample> samples) {
		return Report.num(samples.stream().mapToDouble(Bench.Sample::requestsPerSecond).min().orElse(0));
	}

	private static String max(List<Bench.Sample> samples) {
		return Report.num(samples.stream().mapToDouble(Bench.Sample::requestsPerSecond).max().orElse(0));
	}

	private String rotatingKeysScript(int count) {
		return """
				local keys = {}
				for i = 0, %d do
				  keys[#keys + 1] = string.format("bench-key-%%07d-abcdefghijklmnopqrstuvwxyz", i)
				end
				local n = 0
				request = function()
				  n = n + 1
				  return wrk.format("GET", nil, {["Host"] = "%s", ["x-api-key"] = keys[(n %% #keys) + 1]})
				end
				""".formatted(count - 1, Fixtures.HOST);
	}

	/**
	 * Three gateways sharing one Redis, each loaded by its own wrk at the same time with
	 * the same key: the quota must admit its limit, the throttle burst + rate × time,
	 * each within 2 %.
	 */
	private void accuracy() throws Exception {
		// Well below what three gateways on one CPU can serve, so the limits, not the
		// CPU, decide.
		int quotaLimit = 3_000;
		double rate = 100;
		int burst = 100;
		int quotaKey = 2_000_000;
		int throttleKey = 2_000_001;
		try (Fixtures.Store store = new Fixtures.Store(this.platform.redisUrl(), Platform.HASH_SECRET)) {
			store.putPlan(Fixtures.plan("acc-quota", null, new QuotaSettings(quotaLimit, 0, QuotaPeriod.DAY)));
			store.putKeys("acc-quota", quotaKey, quotaKey + 1);
			store.putPlan(Fixtures.plan("acc-throttle", new ThrottleSettings(rate, burst), null));
			store.putKeys("acc-throttle", throttleKey, throttleKey + 1);
		}
		Path repo = this.platform.workDir().resolve("config-repo");
		List<Child> gateways = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				int port = Platform.TURNPIKE_PORT + 3 + i;
				Child gateway = this.platform.startTurnpike("turnpike-shared-" + (i + 1), this.options.measuredCpus(),
						port, repo);
				gateways.add(gateway);
				Target warm = new Target("warm", "", url(port, "/keyed"),
						List.of(this.host, "x-api-key: " + Fixtures.keyValue(2)), gateway, "\"ok\":true");
				this.bench.warmUp(warm);
			}
			int seconds = 10;
			Load quota = concurrently(gateways, quotaKey, seconds);
			long counted;
			try (Fixtures.Store store = new Fixtures.Store(this.platform.redisUrl(), Platform.HASH_SECRET)) {
				counted = store.quotaUsed(quotaKey, "acc-quota", QuotaPeriod.DAY);
			}
			Load throttle = concurrently(gateways, throttleKey, seconds);
			// The three wrk processes start and stop a few milliseconds apart: the bucket
			// refills over the whole
			// time any of them was sending.
			double expectedThrottle = burst + rate * throttle.seconds();
			this.report.section("""
					## Accuracy: three gateways, one Redis

					Three Turnpike processes share one Redis; three wrk processes (-c8 each) load them at the same time
					with the same key for %d s.

					| plan | limit | admitted (sum of 2xx) | rejected (429) | error |
					|---|---|---|---|---|
					| quota %s per day | %s | %s (Redis counter: %s) | %s | %+.2f %% |
					| throttle %.0f req/s, burst %d | %s (burst + rate × %.2f s) | %s | %s | %+.2f %% |

					Admitted requests are counted by wrk; a request still in flight when wrk stops can be admitted
					without being counted, so the Redis counter is the exact figure for the quota.
					""".formatted(seconds, Report.num(quotaLimit), Report.num(quotaLimit), Report.num(quota.admitted()),
					Report.num(counted), Report.num(quota.rejected()),
					(quota.admitted() - quotaLimit) * 100.0 / quotaLimit, rate, burst, Report.num(expectedThrottle),
					throttle.seconds(), Report.num(throttle.admitted()), Report.num(throttle.rejected()),
					(throttle.admitted() - expectedThrottle) * 100.0 / expectedThrottle));
		}
		finally {
			gateways.forEach(this.platform::stop);
		}
	}

	/**
	 * What the concurrent load got: 2xx, 429s, and seconds from the first wrk's start to
	 * the last one's end.
	 */
	private record Load(long admitted, long rejected, double seconds) {
	}

	/** Loads all gateways at once with key {@code i}. */
	private Load concurrently(List<Child> gateways, int key, int seconds) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(gateways.size());
		try {
			List<Future<Wrk.Result>> results = new ArrayList<>();
			java.util.concurrent.atomic.AtomicLong starts = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
			java.util.concurrent.atomic.AtomicLong ends = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
			for (int i = 0; i < gateways.size(); i++) {
				Target target = new Target("shared", "", url(Platform.TURNPIKE_PORT + 3 + i, "/keyed"),
						List.of(this.host, "x-api-key: " + Fixtures.keyValue(key)), gateways.get(i), "");
				results.add(pool.submit(() -> {
					long start = System.nanoTime();
					Wrk.Result result = this.wrk.saturate(target, 8, java.time.Duration.ofSeconds(seconds));
					starts.accumulateAndGet(start, Math::min);
					ends.accumulateAndGet(System.nanoTime(), Math::max);
					return result;
				}));
			}
			long admitted = 0;
			long rejected = 0;
			for (Future<Wrk.Result> future : results) {
				Wrk.Result result = future.get();
				if (result.socketErrors() > 0) {
					throw new IllegalStateException("socket errors in the accuracy run:\n" + result.output());
				}
				admitted += result.requests() - result.non2xx();
				rejected += result.non2xx();
			}
			return new Load(admitted, rejected, (ends.get() - starts.get()) / 1e9);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private List<List<Bench.Sample>> interleaved(List<Target> targets, int runs)
			throws IOException, InterruptedException {
		Map<String, List<Bench.Sample>> samples = this.bench.rounds(targets, runs);
		return targets.stream().map(target -> samples.get(target.name())).toList();
	}

}
