package dev.turnpike.gateway.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A config repo that does not validate. Carries every problem found, not just the first,
 * so one {@code validate} run shows the author all of them.
 */
public class InvalidConfigException extends RuntimeException {

	private final List<ConfigProblem> problems;

	public InvalidConfigException(List<ConfigProblem> problems) {
		super(problems.size() + " problem(s) in the config repo:\n  "
				+ problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n  ")));
		this.problems = List.copyOf(problems);
	}

	public List<ConfigProblem> problems() {
		return this.problems;
	}

}
