package dev.turnpike.gateway.config;

import java.util.ArrayList;
import java.util.List;

/** Collects errors and warnings while a config repo loads. */
public final class Problems {

	private final List<ConfigProblem> errors = new ArrayList<>();

	private final List<ConfigProblem> warnings = new ArrayList<>();

	public void error(String file, String field, String message) {
		this.errors.add(new ConfigProblem(file, field, message));
	}

	public void warn(String file, String field, String message) {
		this.warnings.add(new ConfigProblem(file, field, message));
	}

	public boolean hasErrors() {
		return !this.errors.isEmpty();
	}

	public List<ConfigProblem> errors() {
		return this.errors;
	}

	public List<ConfigProblem> warnings() {
		return this.warnings;
	}

}
