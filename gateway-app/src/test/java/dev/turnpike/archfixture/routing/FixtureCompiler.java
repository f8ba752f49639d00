package dev.turnpike.archfixture.routing;

import dev.turnpike.archfixture.usageplan.FixtureLimiter;

/**
 * A fixture for ArchitectureTests: "routing" that knows a feature — the violation the
 * rules must catch.
 */
public class FixtureCompiler {

	public boolean compile() {
		return new FixtureLimiter().allow();
	}

}
