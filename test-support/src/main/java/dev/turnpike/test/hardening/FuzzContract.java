package dev.turnpike.test.hardening;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a fuzz target promises for any input: it returns, or it fails with one of its
 * documented exception types, within a time bound. Anything else (another exception, an
 * {@link Error}, a slow input) is a crash: counted and rethrown as an
 * {@link AssertionError} naming the input, so the fuzzer (Jazzer) records the input as a
 * finding. Counts {@code executions} and {@code crashes} in the target's
 * {@link HardeningFigures} suite ({@code fuzz-<target>}), written now and then while
 * fuzzing and by {@link #write()} at the end.
 *
 * <pre>
 * static final FuzzContract CONTRACT = FuzzContract.of("policy", IllegalArgumentException.class);
 *
 * &#64;FuzzTest
 * void parseWhenJsonIsArbitraryThenPolicyOrIllegalArgument(FuzzedDataProvider data) {
 *     String json = data.consumeRemainingAsString();
 *     CONTRACT.check(json, () -&gt; PolicyDocument.parse(json, r -&gt; r));
 * }
 *
 * &#64;AfterAll
 * static void writeFigures() {
 *     CONTRACT.write();
 * }
 * </pre>
 *
 * Plain Java, no fuzzer API: the same contract runs under Jazzer, in a regression test,
 * or in a plain loop.
 */
public final class FuzzContract {

	/**
	 * How long one input may take by default: far above any honest parse, far below a
	 * hang.
	 */
	public static final Duration DEFAULT_MAX_PER_INPUT = Duration.ofSeconds(5);

	private static final long WRITE_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

	private final String target;

	private final HardeningFigures figures;

	private final List<Class<? extends Throwable>> documented;

	private final Duration maxPerInput;

	private long nextWrite = System.nanoTime() + WRITE_EVERY_NANOS;

	private FuzzContract(String target, List<Class<? extends Throwable>> documented, Duration maxPerInput) {
		this.target = target;
		this.figures = HardeningFigures.suite("fuzz-" + target);
		this.documented = documented;
		this.maxPerInput = maxPerInput;
		this.figures.add("executions", 0).add("crashes", 0);
	}

	/**
	 * A contract for the target named {@code target} (figures go to suite
	 * {@code fuzz-<target>}).
	 * @param documented the exception types the target documents (subtypes included)
	 */
	@SafeVarargs
	public static FuzzContract of(String target, Class<? extends Throwable>... documented) {
		return new FuzzContract(target, List.of(documented), DEFAULT_MAX_PER_INPUT);
	}

	/** The same contract with another bound on the time one input may take. */
	public FuzzContract withMaxPerInput(Duration maxPerInput) {
		return new FuzzContract(this.target, this.documented, maxPerInput);
	}

	/** Runs {@code body} on one input; returns normally when it kept the contract. */
	public void check(Object input, Runnable body) {
		call(input, () -> {
			body.run();
			return null;
		});
	}

	/**
	 * Runs {@code body} on one input and returns its result, or {@code null} when it
	 * failed with a documented exception.
	 * @throws AssertionError when it broke the contract
	 */
	public <T> T call(Object input, Supplier<T> body) {
		this.figures.add("executions", 1);
		long start = System.nanoTime();
		T result;
		try {
			result = body.get();
		}
		catch (Throwable failure) {
			if (isDocumented(failure)) {
				checkTime(input, start);
				return null;
			}
			throw crash(input, "threw an undocumented " + failure.getClass().getName() + ": " + failure.getMessage(),
					failure);
		}
		checkTime(input, start);
		return result;
	}

	/**
	 * Fails the input as a crash when {@code holds} is false: for properties the result
	 * must have.
	 */
	public void require(Object input, boolean holds, String property) {
		if (!holds) {
			throw crash(input, "broke a property: " + property, null);
		}
	}

	private boolean isDocumented(Throwable failure) {
		for (Class<? extends Throwable> type : this.documented) {
			if (type.isInstance(failure)) {
				return true;
			}
		}
		return false;
	}

	private void checkTime(Object input, long start) {
		long elapsed = System.nanoTime() - start;
		if (elapsed > this.maxPerInput.toNanos()) {
			throw crash(input, "took " + Duration.ofNanos(elapsed).toMillis() + " ms (at most "
					+ this.maxPerInput.toMillis() + " ms allowed)", null);
		}
		if (System.nanoTime() > this.nextWrite) {
			this.nextWrite = System.nanoTime() + WRITE_EVERY_NANOS;
			this.figures.write();
		}
	}

	private AssertionError crash(Object input, String what, Throwable cause) {
		this.figures.add("crashes", 1);
		this.figures.write();
		return new AssertionError("fuzz target " + this.target + " " + what + "\ninput: " + describe(input), cause);
	}

	private static String describe(Object input) {
		String text = String.valueOf(input);
		StringBuilder out = new StringBuilder(Math.min(text.length(), 2000) + 16);
		for (int i = 0; i < text.length() && out.length() < 2000; i++) {
			char c = text.charAt(i);
			if (c < 0x20 && c != '\n' || c > 0x7e) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return (out.length() >= 2000) ? out + "... (" + text.length() + " chars)" : out.toString();
	}

	/** The figures so far ({@code executions}, {@code crashes}). */
	public HardeningFigures figures() {
		return this.figures;
	}

	/** Writes the figures ({@code target/hardening-figures/fuzz-<target>.properties}). */
	public void write() {
		this.figures.write();
	}

}
