package dev.turnpike.gateway.config;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code java -jar gateway-app.jar validate [config-repo] [--max-timeout-ms=N]}: checks a
 * config repo the way the gateway loads it and prints every problem as
 * {@code file: field: message}. Exit status 0 when valid (warnings are printed but do not
 * fail), 1 when not, 2 on a usage error. Made for the config repo's CI.
 */
public final class ValidateCommand {

	private ValidateCommand() {
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		Path root = Path.of("config-repo");
		int maxTimeout = LoaderSettings.AWS_TIMEOUT_MILLIS;
		for (String arg : args) {
			if (arg.startsWith("--max-timeout-ms=")) {
				try {
					maxTimeout = Integer.parseInt(arg.substring("--max-timeout-ms=".length()));
				}
				catch (NumberFormatException ex) {
					err.println("usage: validate [config-repo] [--max-timeout-ms=N]: '" + arg + "' is not a number");
					return 2;
				}
			}
			else if (arg.startsWith("-")) {
				err.println("usage: validate [config-repo] [--max-timeout-ms=N]: unknown option " + arg);
				return 2;
			}
			else {
				root = Path.of(arg);
			}
		}
		Path repo = root;
		try {
			LoaderSettings settings = new LoaderSettings(Math.min(LoaderSettings.AWS_TIMEOUT_MILLIS, maxTimeout),
					maxTimeout);
			ConfigRepositoryLoader.Result result = new ConfigRepositoryLoader(settings).load(root);
			result.warnings().forEach(warning -> out.println("warning: " + repo + "/" + warning));
			out.println("OK: " + root + " is valid: " + result.config().apis().size() + " API(s), "
					+ result.config().stageCount() + " stage(s), " + result.config().basePathMappings().size()
					+ " base path mapping(s)");
			return 0;
		}
		catch (InvalidConfigException ex) {
			ex.problems().forEach(problem -> err.println("error: " + repo + "/" + problem));
			err.println("INVALID: " + ex.problems().size() + " problem(s) in " + root);
			return 1;
		}
		catch (IllegalArgumentException ex) {
			err.println("usage: validate [config-repo] [--max-timeout-ms=N]: " + ex.getMessage());
			return 2;
		}
	}

}
