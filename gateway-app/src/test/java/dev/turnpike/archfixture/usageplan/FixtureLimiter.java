package dev.turnpike.archfixture.usageplan;

/**
 * A fixture for ArchitectureTests: a "feature" class that other fixtures wrongly depend
 * on.
 */
public class FixtureLimiter {

	public boolean allow() {
		return true;
	}

}
