package dev.turnpike.gateway.config;

import java.util.ArrayList;
import java.util.List;

/** Collects errors and warnings while a config repo loads. */
final class Problems {

	private final List<ConfigProblem> errors = new ArrayList<>();

	private final List<ConfigProblem> warnings = new ArrayList<>();

	void error(String file, String field, String message) {
		this.errors.add(new ConfigProblem(file, field, message));
	}

	void warn(String file, String field, String message) {
		this.warnings.add(new ConfigProblem(file, field, message));
	}

	boolean hasErrors() {
		return !this.errors.isEmpty();
	}

	List<ConfigProblem> errors() {
		return this.errors;
	}

	List<ConfigProblem> warnings() {
		return this.warnings;
	}

}
