package dev.turnpike.gateway.routing;

/**
 * The request flow, in Amazon API Gateway's order: each step's place in a route's filter
 * chain (lower runs first) and the span it records. This list is the one place a
 * feature's position is declared: a feature's {@link RouteFilterContributor} names its
 * step, and the {@link RouteCompiler} orders and observes its filter by it. Spring Cloud
 * Gateway's own filters keep their places: {@code NettyWriteResponseFilter} (-1) wraps
 * everything, {@code NettyRoutingFilter} ({@code Integer.MAX_VALUE}) sends the request.
 */
public enum RequestFlow {

	/** The payload limit: a global web filter, before any route filter. */
	PAYLOAD_LIMIT(100, null),

	RESOURCE_POLICY(1_000, null),

	AUTHORIZER(2_000, "turnpike.authorizer"),

	/** API key and usage plan (throttle and quota in one Redis call). */
	API_KEY(3_000, "turnpike.usage-plan"),

	/** Stage, method and gateway-wide throttles, after a usage plan's own. */
	THROTTLE(3_500, "turnpike.throttle"),

	REQUEST_VALIDATION(4_000, null),

	CACHE(5_000, "turnpike.cache"),

	/**
	 * An HTTP API's parameter mapping: the request's headers, query string and path as
	 * the route's integration asks for them.
	 */
	PARAMETER_MAPPING(9_000, null),

	/**
	 * Integrations prepare (or, for mock, answer) the backend call; after every check,
	 * before the send. Its span lasts until the backend answered.
	 */
	INTEGRATION(10_000, "turnpike.integration");

	private final int order;

	private final String span;

	RequestFlow(int order, String span) {
		this.order = order;
		this.span = span;
	}

	/** The filter order (lower runs first). */
	public int order() {
		return this.order;
	}

	/**
	 * The span the step records, or {@code null} when its work is too small to be worth
	 * one.
	 */
	public String span() {
		return this.span;
	}

	/**
	 * Whether the span covers the rest of the chain (the backend call), not only the
	 * step's own work.
	 */
	boolean spansTheRest() {
		return this == INTEGRATION;
	}

}
