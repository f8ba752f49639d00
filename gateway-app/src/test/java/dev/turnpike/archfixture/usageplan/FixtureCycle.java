package dev.turnpike.archfixture.usageplan;

import dev.turnpike.archfixture.authorizer.FixtureAuthorizer;

/**
 * A fixture for ArchitectureTests: usageplan → authorizer → usageplan, a package cycle.
 */
public class FixtureCycle {

	public boolean run() {
		return new FixtureAuthorizer().authorize();
	}

}
