package dev.turnpike.gateway;

/**
 * Where each stage of the request pipeline runs, as visible numbers (lower runs first), in Amazon API Gateway's
 * order: size limit → resource policy → authorizer → API key and usage plan → request validation → cache →
 * integration. Spring Cloud Gateway's own filters keep their places: {@code NettyWriteResponseFilter} (-1)
 * wraps everything, {@code NettyRoutingFilter} ({@code Integer.MAX_VALUE}) sends the request.
 */
public final class TurnpikeFilterOrder {

	public static final int PAYLOAD_LIMIT = 100;

	public static final int RESOURCE_POLICY = 1_000;

	public static final int AUTHORIZER = 2_000;

	public static final int API_KEY = 3_000;

	/** Stage, method and gateway-wide throttles, after a usage plan's own. */
	public static final int THROTTLE = 3_500;

	public static final int REQUEST_VALIDATION = 4_000;

	public static final int CACHE = 5_000;

	/** Integrations prepare (or, for mock, answer) the backend call; after every check, before the send. */
	public static final int INTEGRATION = 10_000;

	private TurnpikeFilterOrder() {
	}

}
