package dev.turnpike.usageplans.domain;

/**
 * Who made a change, for the audit log: {@code sigv4:<access key id>},
 * {@code oidc:<subject>} or {@code ui:<user>}.
 */
public record Actor(String name) {

	public static Actor system() {
		return new Actor("system");
	}

	@Override
	public String toString() {
		return this.name;
	}

}
