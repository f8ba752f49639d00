package dev.turnpike.gateway.config.model;

/**
 * What happens to a request body no request template matches
 * ({@code passthroughBehavior}).
 */
public enum PassthroughBehavior {

	/**
	 * Pass the body through when no template matches the Content-Type (AWS's default).
	 */
	WHEN_NO_MATCH,
	/**
	 * Pass the body through only when the integration defines no templates at all;
	 * otherwise 415.
	 */
	WHEN_NO_TEMPLATES,
	/** Never pass the body through: 415 when no template matches. */
	NEVER

}
