package dev.turnpike.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark: starts everything pinned (system under test on the measured CPU; wrk,
 * the upstream, Redis and the helpers on the load CPU), warms each scenario up until two
 * runs agree within 5 %, measures the scenarios interleaved, compares latency at half of
 * each scenario's saturation rate with vanilla Spring Cloud Gateway's at the same rate,
 * optionally runs the scale, accuracy and soak runs, and writes the results.
 */
public final class Bench {

	private final Options options;

	private final Platform platform;

	private final Wrk wrk;

	private final Report report;

	private Bench(Options options, Platform platform, Wrk wrk, Report report) {
		this.options = options;
		this.platform = platform;
		this.wrk = wrk;
		this.report = report;
	}

	public static void main(String[] args) throws Exception {
		System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		Path work = options.root().resolve("bench/target/work");
		deleteRecursively(work);
		Files.createDirectories(work);
		Platform platform = new Platform(options, work);
		Thread stopper = new Thread(platform::close, "bench-stop");
		Runtime.getRuntime().addShutdownHook(stopper);
		int exit = 0;
		try {
			Report report = new Report(options, Machine.describe(options));
			new Bench(options, platform, new Wrk(options.loadCpus(), work), report).run();
		}
		catch (Exception ex) {
			log("FAILED: " + ex.getMessage());
			ex.printStackTrace();
			exit = 1;
		}
		finally {
			platform.close();
			Runtime.getRuntime().removeShutdownHook(stopper);
		}
		System.exit(exit);
	}

	private void run() throws Exception {
		Platform p = this.platform;
		Instant started = Instant.now();
		p.nginx("upstream", this.options.loadCpus(), Platform.UPSTREAM_PORT, Platform.serveUpstreamBody());
		p.startRedis();
		String issuer = p.startIdp();
		p.startAuthorizers();
		Path configRepo = Fixtures.writeConfigRepo(this.platform.workDir().resolve("config-repo"), p.upstreamUrl(),
				issuer, 0);
		try (Fixtures.Store store = new Fixtures.Store(p.redisUrl(), Platform.HASH_SECRET)) {
			store.putPlan(Fixtures.unlimitedPlan());
			store.putKeys("benchplan", 0, 10_000);
		}
		Child staticNginx = p.nginx("nginx-static", this.options.measuredCpus(), Platform.NGINX_STATIC_PORT,
				Platform.serveUpstreamBody());
		Child proxyNginx = p.nginx("nginx-proxy", this.options.measuredCpus(), Platform.NGINX_PROXY_PORT,
				Platform.proxyToUpstream());
		Child scg = p.startScg();
		Child turnpike = p.startTurnpike("turnpike", this.options.measuredCpus(), Platform.TURNPIKE_PORT, configRepo);

		String key = "x-api-key: " + Fixtures.keyValue(1);
		String jwt = "Authorization: Bearer " + p.token("alice");
		String lambda = "Authorization: Bearer " + Platform.LAMBDA_TOKEN;
		String host = "Host: " + Fixtures.HOST;
		String tp = "http://127.0.0.1:" + Platform.TURNPIKE_PORT + "/" + Fixtures.STAGE;
		String ok = "\"ok\":true";
		List<Target> targets = new ArrayList<>(List.of(
				new Target("nginx-static", "nginx serving the response itself (harness ceiling)",
						"http://127.0.0.1:" + Platform.NGINX_STATIC_PORT + "/proxy", List.of(), staticNginx, ok),
				new Target("nginx-proxy", "nginx reverse proxy",
						"http://127.0.0.1:" + Platform.NGINX_PROXY_PORT + "/proxy", List.of(), proxyNginx, ok),
				new Target("scg", "vanilla Spring Cloud Gateway, one route",
						"http://127.0.0.1:" + Platform.SCG_PORT + "/proxy", List.of(), scg, ok),
				new Target("turnpike-proxy", "Turnpike http_proxy route", tp + "/proxy", List.of(host), turnpike, ok),
				new Target("turnpike-http-api", "Turnpike HTTP API (v2) http_proxy route, $default stage",
						"http://127.0.0.1:" + Platform.TURNPIKE_PORT + "/proxy",
						List.of("Host: " + Fixtures.HTTP_API_HOST), turnpike, ok),
				new Target("turnpike-key", "Turnpike + API key + usage plan (throttle and quota in Redis)",
						tp + "/keyed", List.of(host, key), turnpike, ok),
				new Target("turnpike-cached", "Turnpike http_proxy route answered from the stage cache (Redis)",
						tp + "/cached", List.of(host), turnpike, ok),
				new Target("turnpike-jwt", "Turnpike + JWT authorizer (RS256, mock-oauth2-server issuer)", tp + "/jwt",
						List.of(host, jwt), turnpike, ok),
				new Target("turnpike-lambda", "Turnpike + Lambda TOKEN authorizer (authorizer-service, TTL 300 s)",
						tp + "/lambda", List.of(host, lambda), turnpike, ok),
				new Target("turnpike-full", "Turnpike + API key + usage plan + JWT + request/response templates",
						tp + "/full", List.of(host, key, jwt), turnpike, "\"caller\": \"alice\""),
				new Target("turnpike-full-lambda",
						"Turnpike + API key + usage plan + cached Lambda authorizer + request/response templates",
						tp + "/full-lambda", List.of(host, key, lambda), turnpike, "\"caller\": \"bench-caller\"")));
		int variantPort = Platform.TURNPIKE_PORT + 10;
		for (Map.Entry<String, List<String>> variant : this.options.variants().entrySet()) {
			Child gateway = p.startTurnpike("turnpike@" + variant.getKey(), this.options.measuredCpus(), variantPort,
					configRepo, variant.getValue());
			targets.add(new Target("turnpike-proxy@" + variant.getKey(),
					"Turnpike http_proxy route with " + String.join(" ", variant.getValue()),
					"http://127.0.0.1:" + variantPort + "/" + Fixtures.STAGE + "/proxy", List.of(host), gateway, ok));
			targets.add(new Target("turnpike-key@" + variant.getKey(),
					"Turnpike + API key + usage plan with " + String.join(" ", variant.getValue()),
					"http://127.0.0.1:" + variantPort + "/" + Fixtures.STAGE + "/keyed", List.of(host, key), gateway,
					ok));
			variantPort++;
		}
		// A variant is measured on the routes of the scenarios selected (all: http_proxy
		// and API key).
		targets.removeIf(target -> !this.options.wants(target.name().replaceFirst("@.*", "")));
		for (Target target : targets) {
			p.check(target);
		}
		Map<String, List<Sample>> samples = measure(targets);
		this.report.saturation(targets, samples);
		if (samples.containsKey("scg")) {
			this.report.halfRate(halfRate(targets, samples));
		}
		if (!this.options.scaleRuns().isEmpty()) {
			new ScaleRuns(this, this.options, p, this.wrk, this.report, issuer, host).run(turnpike);
		}
		if (!this.options.soak().isZero()) {
			Target full = targets.stream().filter(t -> t.name().equals("turnpike-full")).findFirst().orElseThrow();
			this.report.soak(new Soak(this.options, this.wrk).run(full,
					median(samples.get("turnpike-full"), Sample::requestsPerSecond), Platform.TURNPIKE_PORT + 1000));
		}
		this.report.write(Duration.between(started, Instant.now()));
	}

	/** Warm-up, then {@code runs} rounds over all targets in turn. */
	private Map<String, List<Sample>> measure(List<Target> targets) throws IOException, InterruptedException {
		for (Target target : targets) {
			warmUp(target);
		}
		return rounds(targets, this.options.runs());
	}

	/**
	 * {@code runs} saturating rounds over {@code targets} in turn; each target's samples
	 * by its name.
	 */
	Map<String, List<Sample>> rounds(List<Target> targets, int runs) throws IOException, InterruptedException {
		Map<String, List<Sample>> samples = new LinkedHashMap<>();
		for (int round = 1; round <= runs; round++) {
			for (Target target : targets) {
				Sample sample = sample(target, null, this.options.connections());
				samples.computeIfAbsent(target.name(), name -> new ArrayList<>()).add(sample);
				log("round %d/%d %-22s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  %6.1f us CPU/req".formatted(round, runs,
						target.name(), sample.requestsPerSecond(), sample.p50Millis(), sample.p99Millis(),
						sample.cpuMicrosPerRequest()));
			}
		}
		return samples;
	}

	/**
	 * Connections for wrk's paced mode to offer about {@code rate} req/s: each connection
	 * sends a request, waits for the answer, then waits {@code delayMillis} — about
	 * connections × 1000 / (delay + latency) requests per second, assuming 0.4 ms
	 * latency.
	 */
	static int pacedConnections(double rate, int delayMillis) {
		return Math.max(2, (int) Math.round(rate * (delayMillis + 0.4) / 1000));
	}

	void warmUp(Target target) throws IOException, InterruptedException {
		double previous = -1;
		for (int i = 1; i <= 12; i++) {
			Wrk.Result result = this.wrk.saturate(target, this.options.connections(), this.options.warmup());
			requireClean(target, result);
			double rps = result.requestsPerSecond();
			if (previous > 0 && Math.abs(rps - previous) <= 0.05 * Math.max(rps, previous)) {
				log("warmed up %-22s after %d runs (%.0f, %.0f req/s)".formatted(target.name(), i, previous, rps));
				return;
			}
			previous = rps;
		}
		log("warm-up of " + target.name() + " did not settle within 5 % after 12 runs; measuring anyway");
	}

	/** One measured run: saturating when {@code delayMillis} is null, paced otherwise. */
	Sample sample(Target target, Integer delayMillis, int connections) throws IOException, InterruptedException {
		double cpuBefore = target.process().cpuSeconds();
		Wrk.Result result = (delayMillis == null) ? this.wrk.saturate(target, connections, this.options.duration())
				: this.wrk.paced(target, connections, delayMillis, this.options.duration());
		double cpu = target.process().cpuSeconds() - cpuBefore;
		requireClean(target, result);
		return new Sample(result.requestsPerSecond(), result.p50Millis(), result.p99Millis(),
				cpu * 1_000_000 / result.requests(), result.requests(), result.non2xx() + result.socketErrors());
	}

	/**
	 * Errors are counted and reported; a run where more than 0.1 % of requests failed
	 * stops the benchmark, since its numbers would describe a broken system.
	 */
	private static void requireClean(Target target, Wrk.Result result) {
		long errors = result.non2xx() + result.socketErrors();
		if (errors > 0) {
			log("%s: %d errors in %d requests (non-2xx %d, socket errors %d)".formatted(target.name(), errors,
					result.requests(), result.non2xx(), result.socketErrors()));
		}
		if (result.requests() == 0 || errors > result.requests() / 1000) {
			throw new IllegalStateException(target.name() + " answered errors under load (non-2xx " + result.non2xx()
					+ ", socket errors " + result.socketErrors() + "):\n" + result.output());
		}
	}

	/**
	 * Each Turnpike scenario at half its own median saturation rate, and vanilla Spring
	 * Cloud Gateway paced the same way, interleaved: p99 compared at the same rate.
	 */
	private List<Report.HalfRate> halfRate(List<Target> targets, Map<String, List<Sample>> samples)
			throws IOException, InterruptedException {
		Target scg = targets.stream().filter(t -> t.name().equals("scg")).findFirst().orElseThrow();
		List<Report.HalfRate> rows = new ArrayList<>();
		int delay = 10;
		for (Target target : targets) {
			if (!target.name().startsWith("turnpike")) {
				continue;
			}
			double rate = median(samples.get(target.name()), Sample::requestsPerSecond) / 2;
			int connections = pacedConnections(rate, delay);
			List<Sample> ours = new ArrayList<>();
			List<Sample> theirs = new ArrayList<>();
			for (int i = 0; i < Math.min(3, this.options.runs()); i++) {
				ours.add(sample(target, delay, connections));
				theirs.add(sample(scg, delay, connections));
			}
			Report.HalfRate row = new Report.HalfRate(target.name(), rate, median(ours, Sample::requestsPerSecond),
					median(ours, Sample::p99Millis), median(theirs, Sample::requestsPerSecond),
					median(theirs, Sample::p99Millis));
			log("half rate %-22s %7.0f req/s p99 %5.2f ms | scg %7.0f req/s p99 %5.2f ms".formatted(row.scenario(),
					row.achieved(), row.p99(), row.scgAchieved(), row.scgP99()));
			rows.add(row);
		}
		return rows;
	}

	/** One measured run's numbers. */
	record Sample(double requestsPerSecond, double p50Millis, double p99Millis, double cpuMicrosPerRequest,
			long requests, long errors) {
	}

	static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> value) {
		double[] values = samples.stream().mapToDouble(value).sorted().toArray();
		int n = values.length;
		return (n % 2 == 1) ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
	}

	static void log(String message) {
		System.out.println("[bench] " + message);
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
