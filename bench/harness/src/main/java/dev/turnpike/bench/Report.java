package dev.turnpike.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results as a Markdown page and an SVG chart, written to the results directory and
 * printed.
 */
final class Report {

	/**
	 * A Turnpike scenario and vanilla Spring Cloud Gateway paced at half the scenario's
	 * saturation rate.
	 */
	record HalfRate(String scenario, double target, double achieved, double p99, double scgAchieved, double scgP99) {
	}

	/** Per-scenario medians. */
	record Row(String name, String description, double rps, double minRps, double maxRps, double p50, double p99,
			double cpuMicros, long requests, long errors) {
	}

	/** Required ratios to vanilla Spring Cloud Gateway's req/s. */
	private static final Map<String, Double> TARGETS = Map.of("turnpike-proxy", 0.90, "turnpike-http-api", 0.90,
			"turnpike-key", 0.75, "turnpike-jwt", 0.80, "turnpike-lambda", 0.80, "turnpike-cached", 1.0);

	private final Options options;

	private final String machine;

	private final List<Row> rows = new ArrayList<>();

	private final List<HalfRate> halfRates = new ArrayList<>();

	private final List<String> extra = new ArrayList<>();

	Report(Options options, String machine) {
		this.options = options;
		this.machine = machine;
	}

	void saturation(List<Target> targets, Map<String, List<Bench.Sample>> samples) {
		for (Target target : targets) {
			List<Bench.Sample> s = samples.get(target.name());
			this.rows.add(new Row(target.name(), target.description(), Bench.median(s, Bench.Sample::requestsPerSecond),
					s.stream().mapToDouble(Bench.Sample::requestsPerSecond).min().orElse(0),
					s.stream().mapToDouble(Bench.Sample::requestsPerSecond).max().orElse(0),
					Bench.median(s, Bench.Sample::p50Millis), Bench.median(s, Bench.Sample::p99Millis),
					Bench.median(s, Bench.Sample::cpuMicrosPerRequest),
					s.stream().mapToLong(Bench.Sample::requests).sum(),
					s.stream().mapToLong(Bench.Sample::errors).sum()));
		}
	}

	void halfRate(List<HalfRate> rows) {
		this.halfRates.addAll(rows);
	}

	/** A section (Markdown) from the scale, accuracy or soak runs. */
	void section(String markdown) {
		this.extra.add(markdown);
		System.out.println(markdown);
	}

	void soak(String markdown) {
		section(markdown);
	}

	private Row row(String name) {
		return this.rows.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
	}

	String markdown(Duration elapsed) {
		StringBuilder md = new StringBuilder();
		md.append("# Benchmark results\n\n");
		md.append("Run on %s by `bench/run.sh`, %d × %d s interleaved runs per scenario after warm-up (medians), "
			.formatted(LocalDate.now(ZoneOffset.UTC), this.options.runs(), this.options.duration().toSeconds()));
		md.append("whole run %d min.\n\n".formatted(elapsed.toMinutes()));
		md.append(this.machine).append("\n\n");
		md.append("![req/s and latency per scenario](latest.svg)\n\n");
		md.append("## Saturation (closed loop, wrk -t1 -c%d)\n\n".formatted(this.options.connections()));
		Row scg = row("scg");
		Row nginx = row("nginx-proxy");
		md.append(
				"| scenario | req/s (min–max) | × vanilla SCG | × nginx proxy | p50 ms | p99 ms | CPU µs/req | errors |\n");
		md.append("|---|---|---|---|---|---|---|---|\n");
		for (Row r : this.rows) {
			md.append("| %s<br><sub>%s</sub> | %s (%s–%s) | %s | %s | %.2f | %.2f | %.1f | %d / %s |\n".formatted(
					r.name(), r.description(), num(r.rps()), num(r.minRps()), num(r.maxRps()), ratio(r, scg),
					ratio(r, nginx), r.p50(), r.p99(), r.cpuMicros(), r.errors(), num(r.requests())));
		}
		md.append("\nCPU µs/req is the measured process's user + system CPU time (nginx: master and worker) divided "
				+ "by the requests wrk completed; errors are non-2xx answers and socket errors over all measured runs.\n\n");
		md.append("## Targets\n\n| target | required | measured | |\n|---|---|---|---|\n");
		for (String name : List.of("turnpike-proxy", "turnpike-http-api", "turnpike-key", "turnpike-jwt",
				"turnpike-lambda", "turnpike-cached")) {
			Row r = row(name);
			if (r == null || scg == null) {
				continue;
			}
			double ratio = r.rps() / scg.rps();
			md.append("| %s req/s | ≥ %.2f × SCG | %.2f × | %s |\n"
				.formatted(name, TARGETS.get(name), ratio, ratio >= TARGETS.get(name) ? "met"
						: "**missed** by %.0f %%".formatted((TARGETS.get(name) - ratio) * 100 / TARGETS.get(name))));
		}
		for (HalfRate h : this.halfRates) {
			double diff = h.p99() - h.scgP99();
			md.append(
					"| %s p99 at half its saturation (%s req/s) | ≤ SCG's + 1 ms | %.2f ms vs SCG %.2f ms (%+.2f) | %s |\n"
						.formatted(h.scenario(), num(h.target()), h.p99(), h.scgP99(), diff,
								diff <= 1.0 ? "met" : "**missed**"));
		}
		if (!this.halfRates.isEmpty()) {
			md.append("\n## Latency at half saturation (paced: each connection waits 10 ms between requests)\n\n");
			md.append(
					"| scenario | aimed req/s | achieved | p99 ms | SCG achieved | SCG p99 ms |\n|---|---|---|---|---|---|\n");
			for (HalfRate h : this.halfRates) {
				md.append("| %s | %s | %s | %.2f | %s | %.2f |\n".formatted(h.scenario(), num(h.target()),
						num(h.achieved()), h.p99(), num(h.scgAchieved()), h.scgP99()));
			}
		}
		for (String section : this.extra) {
			md.append('\n').append(section).append('\n');
		}
		return md.toString();
	}

	private static String ratio(Row r, Row base) {
		return (base == null) ? "–" : "%.2f".formatted(r.rps() / base.rps());
	}

	static String num(double value) {
		return String.format(Locale.ROOT, "%,.0f", value).replace(',', ' ');
	}

	/** Horizontal bars: req/s on the left, p50 and p99 on the right. */
	String svg() {
		int rowHeight = 34;
		int top = 50;
		int labelWidth = 190;
		int panel = 330;
		int gap = 40;
		int width = labelWidth + panel + gap + panel + 60;
		int height = top + this.rows.size() * rowHeight + 30;
		double maxRps = this.rows.stream().mapToDouble(Row::rps).max().orElse(1);
		double maxMs = this.rows.stream().mapToDouble(Row::p99).max().orElse(1);
		StringBuilder svg = new StringBuilder();
		svg.append(
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n"
					.formatted(width, height));
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
		svg.append("<text x=\"%d\" y=\"20\" font-weight=\"bold\">Requests per second (median)</text>\n"
			.formatted(labelWidth));
		svg.append(
				"<text x=\"%d\" y=\"20\" font-weight=\"bold\">Latency ms: p50 <tspan fill=\"#4c78a8\">■</tspan> p99 <tspan fill=\"#e45756\">■</tspan></text>\n"
					.formatted(labelWidth + panel + gap));
		for (int i = 0; i < this.rows.size(); i++) {
			Row r = this.rows.get(i);
			int y = top + i * rowHeight;
			svg.append("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n".formatted(labelWidth - 8, y + 15,
					r.name()));
			int w = (int) Math.max(1, Math.round(r.rps() / maxRps * (panel - 60)));
			String fill = r.name().startsWith("turnpike") ? "#2f6f4f" : "#888";
			svg.append("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\" fill=\"%s\"/>\n".formatted(labelWidth, y, w,
					fill));
			svg.append("<text x=\"%d\" y=\"%d\">%s</text>\n".formatted(labelWidth + w + 4, y + 15, num(r.rps())));
			int x2 = labelWidth + panel + gap;
			int w50 = (int) Math.max(1, Math.round(r.p50() / maxMs * (panel - 60)));
			int w99 = (int) Math.max(1, Math.round(r.p99() / maxMs * (panel - 60)));
			svg.append("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"9\" fill=\"#4c78a8\"/>\n".formatted(x2, y, w50));
			svg.append("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"9\" fill=\"#e45756\"/>\n".formatted(x2, y + 11,
					w99));
			svg.append(
					"<text x=\"%d\" y=\"%d\">%.2f / %.2f</text>\n".formatted(x2 + w99 + 4, y + 15, r.p50(), r.p99()));
		}
		svg.append(
				"<text x=\"%d\" y=\"%d\" fill=\"#555\">wrk -t1 -c%d, system under test pinned to one CPU; grey: references, green: Turnpike</text>\n"
					.formatted(labelWidth, height - 8, this.options.connections()));
		svg.append("</svg>\n");
		return svg.toString();
	}

	void write(Duration elapsed) throws IOException {
		Files.createDirectories(this.options.results());
		String md = markdown(elapsed);
		Files.writeString(this.options.results().resolve("latest.md"), md);
		Files.writeString(this.options.results().resolve("latest.svg"), svg());
		System.out.println("\n" + md);
		Bench.log("results written to " + this.options.results().resolve("latest.md") + " and latest.svg");
	}

}
