package dev.turnpike.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Command-line options of the benchmark (bench/run.sh passes its arguments through).
 *
 * @param root the repository root
 * @param java the java binary for both gateways (the same JDK for all, as the comparison
 * needs)
 * @param jvmOptions options for every JVM under test
 * @param measuredCpus CPUs of the system under test
 * @param loadCpus CPUs of wrk, the upstream, Redis and the helpers
 * @param duration length of one measured run
 * @param runs measured runs per scenario, interleaved
 * @param warmup length of one warm-up run
 * @param connections wrk connections
 * @param only scenario names to run (empty: all)
 * @param scaleRuns which scale and accuracy runs to do ({@code routes}, {@code keys},
 * {@code accuracy}; empty: none)
 * @param soak length of the soak run (zero: none)
 * @param results where the results go
 * @param jfr whether Turnpike records a JFR profile (bench/target/work/turnpike.jfr) for
 * finding hot spots
 * @param variants extra Turnpike gateways (name → arguments) measured on the http_proxy
 * route next to the default
 */
record Options(Path root, String java, List<String> jvmOptions, String measuredCpus, String loadCpus, Duration duration,
		int runs, Duration warmup, int connections, Set<String> only, Set<String> scaleRuns, Duration soak,
		Path results, boolean jfr, Map<String, List<String>> variants) {

	static final String USAGE = """
			usage: bench/run.sh [options]
			  --duration=15        seconds per measured run
			  --runs=5             measured runs per scenario (interleaved; the median is reported)
			  --warmup=5           seconds per warm-up run (repeated until two agree within 5 %)
			  --connections=32     wrk connections
			  --only=a,b           only these scenarios (names as in the table)
			  --scale              also the scale and accuracy runs (1 000 routes, 1 000 000 keys, 3 gateways)
			  --scale=a,b          only these of them: routes, keys, accuracy
			  --only=none          no saturation scenarios (with --scale or --soak)
			  --soak=600           also a soak run of this many seconds at 80 % of saturation
			  --java=PATH          the java for every JVM under test (default: newest JDK under /usr/lib/jvm)
			  --results=DIR        where to write results (default bench/results)
			  --jfr                Turnpike records a JFR profile to bench/target/work/turnpike.jfr
			  --variant=NAME:ARGS  also a Turnpike started with these arguments (comma-separated), measured on the
			                       http_proxy and API key routes as turnpike-proxy@NAME and turnpike-key@NAME
			                       (e.g. --variant=no-lettuce-obs:--management.observations.enable.lettuce=false;
			                       jar=PATH among the arguments runs another build of the gateway, for an A/B of two
			                       commits: --variant=before:jar=/tmp/gateway-app-before.jar)
			""";

	static Options parse(String[] args) throws IOException {
		Path root = Path.of("").toAbsolutePath();
		String java = defaultJava();
		int duration = 15;
		int runs = 5;
		int warmup = 5;
		int connections = 32;
		Set<String> only = Set.of();
		Set<String> scale = Set.of();
		int soak = 0;
		Path results = root.resolve("bench/results");
		boolean jfr = false;
		Map<String, List<String>> variants = new LinkedHashMap<>();
		for (String arg : args) {
			String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
			switch (arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg) {
				case "--duration" -> duration = Integer.parseInt(value);
				case "--runs" -> runs = Integer.parseInt(value);
				case "--warmup" -> warmup = Integer.parseInt(value);
				case "--connections" -> connections = Integer.parseInt(value);
				case "--only" -> only = Set.of(value.split(","));
				case "--scale" ->
					scale = value.isEmpty() ? Set.of("routes", "keys", "accuracy") : Set.of(value.split(","));
				case "--soak" -> soak = Integer.parseInt(value);
				case "--java" -> java = value;
				case "--results" -> results = Path.of(value).toAbsolutePath();
				case "--jfr" -> jfr = true;
				case "--variant" -> variants.put(value.substring(0, value.indexOf(':')),
						List.of(value.substring(value.indexOf(':') + 1).split(",")));
				default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
			}
		}
		return new Options(root, java, List.of("-Xms512m", "-Xmx512m"), "0", "1", Duration.ofSeconds(duration), runs,
				Duration.ofSeconds(warmup), connections, only, scale, Duration.ofSeconds(soak), results, jfr, variants);
	}

	boolean wants(String scenario) {
		return this.only.isEmpty() || this.only.contains(scenario);
	}

	/**
	 * The newest JDK under /usr/lib/jvm (JDK 25 runs Spring Cloud Gateway ~18 % faster
	 * than 17), else this one.
	 */
	private static String defaultJava() throws IOException {
		Path jvms = Path.of("/usr/lib/jvm");
		if (Files.isDirectory(jvms)) {
			try (Stream<Path> dirs = Files.list(jvms)) {
				Path newest = dirs.filter(dir -> Files.isExecutable(dir.resolve("bin/java")))
					.filter(dir -> !Files.isSymbolicLink(dir))
					.max(Comparator.comparingInt(Options::featureVersion))
					.orElse(null);
				if (newest != null && featureVersion(newest) > 0) {
					return newest.resolve("bin/java").toString();
				}
			}
		}
		return ProcessHandle.current().info().command().orElse("java");
	}

	/**
	 * The JDK's feature version from its {@code release} file
	 * ({@code JAVA_VERSION="25.0.1"}), or 0.
	 */
	private static int featureVersion(Path jdk) {
		try {
			for (String line : Files.readAllLines(jdk.resolve("release"))) {
				Matcher matcher = Pattern.compile("^JAVA_VERSION=\"(?:1\\.)?(\\d+)").matcher(line);
				if (matcher.find()) {
					return Integer.parseInt(matcher.group(1));
				}
			}
		}
		catch (IOException ex) {
			// not a JDK
		}
		return 0;
	}

}
