package dev.turnpike.usageplans.core;

/**
 * What the control plane publishes on {@link RedisKeys#EVENTS_CHANNEL} when a key or plan
 * changes, so gateways drop what they cached: {@code key <id>}, {@code plan <id>} or
 * {@code all}.
 */
public record ChangeEvent(Kind kind, String id) {

	public enum Kind {

		KEY, PLAN, ALL

	}

	public static ChangeEvent key(String id) {
		return new ChangeEvent(Kind.KEY, id);
	}

	public static ChangeEvent plan(String id) {
		return new ChangeEvent(Kind.PLAN, id);
	}

	public String message() {
		return (this.kind == Kind.ALL) ? "all" : this.kind.name().toLowerCase(java.util.Locale.ROOT) + " " + this.id;
	}

	/** Parses a message; an unknown one means "drop everything", the safe reading. */
	public static ChangeEvent parse(String message) {
		if (message != null) {
			if (message.startsWith("key ")) {
				return new ChangeEvent(Kind.KEY, message.substring(4));
			}
			if (message.startsWith("plan ")) {
				return new ChangeEvent(Kind.PLAN, message.substring(5));
			}
		}
		return new ChangeEvent(Kind.ALL, null);
	}

}
