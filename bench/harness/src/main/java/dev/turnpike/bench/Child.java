package dev.turnpike.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A process the harness started: its output goes to a log file, its CPU time (with its
 * children's, for nginx's workers) is read from {@code /proc}, and closing it stops it
 * and everything it started.
 */
final class Child implements AutoCloseable {

	private static final double CLOCK_TICKS = clockTicks();

	private final String name;

	private final Process process;

	private final Path log;

	private Child(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts {@code command} pinned to {@code cpus} (a taskset list such as {@code 0}),
	 * or unpinned when null.
	 */
	static Child start(String name, String cpus, List<String> command, Map<String, String> env, Path logDir)
			throws IOException {
		List<String> full = new ArrayList<>();
		if (cpus != null) {
			full.addAll(List.of("taskset", "-c", cpus));
		}
		full.addAll(command);
		Path log = logDir.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(env);
		Bench.log("starting " + name + (cpus != null ? " on CPU " + cpus : "") + " (log: " + log + ")");
		return new Child(name, builder.start(), log);
	}

	String name() {
		return this.name;
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	Path log() {
		return this.log;
	}

	/** User + system CPU seconds used so far by the process and its live descendants. */
	double cpuSeconds() {
		double total = cpuSeconds(this.process.pid());
		try (Stream<ProcessHandle> descendants = this.process.descendants()) {
			total += descendants.mapToDouble(handle -> cpuSeconds(handle.pid())).sum();
		}
		return total;
	}

	private static double cpuSeconds(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// Fields after the command name (which may contain spaces) start at field 3
			// (state).
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long utime = Long.parseLong(fields[11]);
			long stime = Long.parseLong(fields[12]);
			return (utime + stime) / CLOCK_TICKS;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	private static double clockTicks() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
			String out = new String(getconf.getInputStream().readAllBytes()).trim();
			getconf.waitFor(5, TimeUnit.SECONDS);
			return Double.parseDouble(out);
		}
		catch (IOException | InterruptedException | NumberFormatException ex) {
			return 100;
		}
	}

	@Override
	public void close() {
		List<ProcessHandle> all = new ArrayList<>();
		try (Stream<ProcessHandle> descendants = this.process.descendants()) {
			descendants.forEach(all::add);
		}
		this.process.destroy();
		all.forEach(ProcessHandle::destroy);
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

}
