package dev.turnpike.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the results were measured on, written next to them. */
final class Machine {

	private Machine() {
	}

	static String describe(Options options) {
		String cpu = cpuModel();
		return String.join("\n", "- CPU: " + cpu + ", " + command("nproc", "--all").trim() + " CPUs",
				"- Memory: " + memTotal(), "- Kernel: " + command("uname", "-sr").trim(),
				"- JDK under test: " + firstLine(command(options.java(), "-version")) + " (" + options.java() + "), "
						+ String.join(" ", options.jvmOptions()),
				"- nginx: " + firstLine(command("nginx", "-v")).replace("nginx version: ", ""),
				"- wrk: " + firstLine(command("wrk", "-v")),
				"- Pinning: system under test on CPU " + options.measuredCpus() + "; wrk (-t1 -c"
						+ options.connections() + "), upstream nginx, Redis, the OIDC issuer, authorizer-service and "
						+ "this harness on CPU " + options.loadCpus());
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter(l -> l.startsWith("model name"))
				.map(l -> l.substring(l.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String memTotal() {
		try {
			String line = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
			long kb = Long.parseLong(line.replaceAll("\\D", ""));
			return (kb / 1024 / 1024) + " GiB";
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static String firstLine(String text) {
		return text.lines().findFirst().orElse("").trim();
	}

	static String command(String... command) {
		try {
			Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes());
			process.waitFor(10, TimeUnit.SECONDS);
			return out;
		}
		catch (IOException ex) {
			return "unavailable";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unavailable";
		}
	}

}
