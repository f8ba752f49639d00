package dev.turnpike.archfixture.authorizer;

import dev.turnpike.archfixture.routing.FixtureCompiler;
import dev.turnpike.archfixture.usageplan.FixtureLimiter;

/**
 * A fixture for ArchitectureTests: a feature importing another feature (and, through
 * routing, closing a cycle back to itself is not possible here, so the cycle fixture is
 * {@link FixtureCycle}).
 */
public class FixtureAuthorizer {

	public boolean authorize() {
		return new FixtureLimiter().allow() && new FixtureCompiler().compile();
	}

}
