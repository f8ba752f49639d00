package dev.turnpike.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A long run at 80 % of a scenario's saturation rate, in one-minute slices: errors per
 * slice, and the heap in use after a full GC between slices, which must stay flat.
 */
final class Soak {

	private final Options options;

	private final Wrk wrk;

	Soak(Options options, Wrk wrk) {
		this.options = options;
		this.wrk = wrk;
	}

	String run(Target target, double saturation, int managementPort) throws IOException, InterruptedException {
		double rate = saturation * 0.8;
		int delay = 10;
		int connections = Bench.pacedConnections(rate, delay);
		long slices = Math.max(1, this.options.soak().toSeconds() / 60);
		Duration slice = Duration.ofSeconds(this.options.soak().toSeconds() / slices);
		List<String> rows = new ArrayList<>();
		double firstHeap = heapAfterGc(target, managementPort);
		double lastHeap = firstHeap;
		long totalErrors = 0;
		long totalRequests = 0;
		rows.add("| 0 | – | – | – | %.1f |".formatted(firstHeap));
		for (int i = 1; i <= slices; i++) {
			Wrk.Result result = this.wrk.paced(target, connections, delay, slice);
			long errors = result.non2xx() + result.socketErrors();
			totalErrors += errors;
			totalRequests += result.requests();
			lastHeap = heapAfterGc(target, managementPort);
			rows.add("| %d | %s | %.2f | %d | %.1f |".formatted(i, Report.num(result.requestsPerSecond()),
					result.p99Millis(), errors, lastHeap));
			Bench.log("soak slice %d/%d: %.0f req/s, p99 %.2f ms, %d errors, heap after GC %.1f MB".formatted(i, slices,
					result.requestsPerSecond(), result.p99Millis(), errors, lastHeap));
		}
		boolean flat = lastHeap <= firstHeap * 1.10 + 5;
		return """
				## Soak: %s at 80 %% of saturation for %d min

				Paced at about %s req/s (%d connections, 10 ms between requests on each). %s requests, %d errors.
				Heap in use after a full GC (`jcmd GC.run`) between slices: %.1f MB at the start, %.1f MB at the end —
				%s.

				| minute | req/s | p99 ms | errors | heap after GC, MB |
				|---|---|---|---|---|
				%s
				""".formatted(target.name(), slices * slice.toSeconds() / 60, Report.num(rate), connections,
				Report.num(totalRequests), totalErrors, firstHeap, lastHeap,
				flat ? "flat (within 10 % + 5 MB)" : "**growing**", String.join("\n", rows));
	}

	/** Full GC in the gateway, then its heap in use (MB) from its Prometheus endpoint. */
	private double heapAfterGc(Target target, int managementPort) throws IOException, InterruptedException {
		Path jcmd = Path.of(this.options.java()).resolveSibling("jcmd");
		Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(target.process().pid()), "GC.run")
			.redirectErrorStream(true)
			.start();
		gc.getInputStream().readAllBytes();
		gc.waitFor();
		Thread.sleep(500);
		String metrics = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		return metrics.lines()
			.filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
			.mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
			.sum() / (1024 * 1024);
	}

}
