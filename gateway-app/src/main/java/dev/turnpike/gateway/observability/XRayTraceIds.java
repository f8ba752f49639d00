package dev.turnpike.gateway.observability;

/**
 * A W3C trace id written the way AWS X-Ray writes its own ({@code $context.xrayTraceId}):
 * {@code 1-<first 8 hex>-<remaining 24 hex>}, so the same id can be searched in either
 * form.
 */
public final class XRayTraceIds {

	private XRayTraceIds() {
	}

	/**
	 * The header AWS uses for X-Ray trace ids, accepted from clients and passed on to
	 * backends.
	 */
	public static final String HEADER = "X-Amzn-Trace-Id";

	/**
	 * {@code $context.xrayTraceId}: the {@code Root} of the client's
	 * {@code X-Amzn-Trace-Id} when it sent one, otherwise the request's own trace id in
	 * X-Ray form; {@code null} without either.
	 */
	public static String forRequest(String incomingHeader, String traceId) {
		if (incomingHeader != null) {
			for (String part : incomingHeader.split(";")) {
				String trimmed = part.trim();
				if (trimmed.startsWith("Root=")) {
					return trimmed.substring(5);
				}
			}
		}
		return of(traceId);
	}

	/** The X-Ray form of a 32-hex-character trace id, or {@code null}. */
	public static String of(String traceId) {
		if (traceId == null || traceId.length() != 32) {
			return null;
		}
		return "1-" + traceId.substring(0, 8) + "-" + traceId.substring(8);
	}

}
