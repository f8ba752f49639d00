package dev.turnpike.test.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The figures of the hardening suite (hostile requests, faults, fuzzing), counted by the
 * tests that produce them and written to
 * {@code target/hardening-figures/<suite>.properties} of the module under test, so the
 * build (and {@code .ci/run}) can print one summary: how many hostile requests were sent,
 * how many reached a backend, how many got a 500 from Turnpike's own code, how many
 * faults were injected and survived, how many fuzz inputs ran.
 *
 * <pre>
 * HardeningFigures figures = HardeningFigures.suite("hostile-requests");
 * figures.add("sent", 1);
 * figures.add("reached-backend", backend.requestCount());
 * figures.write();
 * </pre>
 */
public final class HardeningFigures {

	private final String suite;

	private final Map<String, AtomicLong> counters = new LinkedHashMap<>();

	private HardeningFigures(String suite) {
		this.suite = suite;
	}

	/**
	 * Figures for one suite (one test class, usually); {@link #write()} replaces that
	 * suite's file.
	 */
	public static HardeningFigures suite(String suite) {
		return new HardeningFigures(suite);
	}

	/** Adds {@code amount} to the named figure (creating it at 0). */
	public synchronized HardeningFigures add(String figure, long amount) {
		this.counters.computeIfAbsent(figure, name -> new AtomicLong()).addAndGet(amount);
		return this;
	}

	/** The current value of a figure (0 when never added to). */
	public synchronized long get(String figure) {
		AtomicLong counter = this.counters.get(figure);
		return (counter != null) ? counter.get() : 0;
	}

	/**
	 * Writes the figures to {@code target/hardening-figures/<suite>.properties} and
	 * returns the file.
	 */
	public synchronized Path write() {
		StringBuilder text = new StringBuilder("# hardening figures of ").append(this.suite).append('\n');
		this.counters.forEach((name, value) -> text.append(name).append('=').append(value.get()).append('\n'));
		Path file = Path.of("target", "hardening-figures", this.suite + ".properties");
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	@Override
	public synchronized String toString() {
		return this.suite + " " + this.counters;
	}

}
