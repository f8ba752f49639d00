package dev.turnpike.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (one thread, on the load CPU) and reads its summary. */
final class Wrk {

	private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$",
			Pattern.MULTILINE);

	private final String cpus;

	private final Path workDir;

	Wrk(String cpus, Path workDir) {
		this.cpus = cpus;
		this.workDir = workDir;
	}

	/** What one wrk run measured. */
	record Result(double requestsPerSecond, double p50Millis, double p99Millis, long requests, long non2xx,
			long socketErrors, String output) {

		boolean clean() {
			return this.non2xx == 0 && this.socketErrors == 0 && this.requests > 0;
		}

	}

	/** As fast as {@code connections} connections can go (closed loop). */
	Result saturate(Target target, int connections, Duration duration) throws IOException, InterruptedException {
		return run(target, connections, duration, null);
	}

	/**
	 * Paced: each connection waits {@code delayMillis} between a response and its next
	 * request, so the offered rate is about
	 * {@code connections * 1000 / (delayMillis + latency)}. Used to compare latency at
	 * the same rate.
	 */
	Result paced(Target target, int connections, int delayMillis, Duration duration)
			throws IOException, InterruptedException {
		return run(target, connections, duration, delayMillis);
	}

	private Result run(Target target, int connections, Duration duration, Integer delayMillis)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("taskset", "-c", this.cpus, "wrk", "-t1", "-c" + connections,
				"-d" + duration.toSeconds() + "s", "--latency", "--timeout", "5s"));
		for (String header : target.headers()) {
			command.add("-H");
			command.add(header);
		}
		String lua = (target.script() != null) ? target.script() : "";
		if (delayMillis != null) {
			lua += "\nfunction delay()\n  return " + delayMillis + "\nend\n";
		}
		if (!lua.isEmpty()) {
			Path script = Files.createTempFile(this.workDir, "wrk-", ".lua");
			Files.writeString(script, lua);
			command.add("-s");
			command.add(script.toString());
		}
		command.add(target.url());
		Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(wrk.getInputStream().readAllBytes());
		if (!wrk.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
			wrk.destroyForcibly();
			throw new IOException("wrk did not finish");
		}
		if (wrk.exitValue() != 0) {
			throw new IOException("wrk failed (" + wrk.exitValue() + "): " + output);
		}
		return parse(output);
	}

	static Result parse(String output) {
		double rps = Double.parseDouble(find(RPS, output, "Requests/sec"));
		long total = Long.parseLong(find(TOTAL, output, "requests in"));
		Matcher non2xx = NON_2XX.matcher(output);
		long bad = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
		Matcher socket = SOCKET_ERRORS.matcher(output);
		long errors = 0;
		if (socket.find()) {
			for (int i = 1; i <= 4; i++) {
				errors += Long.parseLong(socket.group(i));
			}
		}
		double p50 = Double.NaN;
		double p99 = Double.NaN;
		Matcher percentile = PERCENTILE.matcher(output);
		while (percentile.find()) {
			double value = Double.parseDouble(percentile.group(2));
			double millis = switch (percentile.group(3)) {
				case "us" -> value / 1000;
				case "s" -> value * 1000;
				default -> value;
			};
			if (percentile.group(1).equals("50")) {
				p50 = millis;
			}
			else {
				p99 = millis;
			}
		}
		return new Result(rps, p50, p99, total, bad, errors, output);
	}

	private static String find(Pattern pattern, String output, String what) {
		Matcher matcher = pattern.matcher(output);
		if (!matcher.find()) {
			throw new IllegalStateException("wrk printed no '" + what + "':\n" + output);
		}
		return matcher.group(1);
	}

}
