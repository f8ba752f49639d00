package dev.turnpike.gateway.context;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Starts every request's {@link ApiRequestContext} and stamps the response with
 * {@code x-amzn-RequestId} and {@code x-amz-apigw-id}, as API Gateway does on every
 * response (errors included). Runs first so nothing can answer without them.
 */
public final class RequestContextWebFilter implements WebFilter, Ordered {

	private final ClientAddresses clientAddresses;

	public RequestContextWebFilter(ClientAddresses clientAddresses) {
		this.clientAddresses = clientAddresses;
	}

	public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

	public static final String EXTENDED_REQUEST_ID_HEADER = "x-amz-apigw-id";

	/**
	 * HTTP APIs send their request id in this header instead of the two above, once the
	 * request is known to be an HTTP API's.
	 */
	public static final String HTTP_API_REQUEST_ID_HEADER = "apigw-requestid";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ApiRequestContext context = new ApiRequestContext(RequestIds.requestId(), RequestIds.extendedRequestId(),
				System.currentTimeMillis(), System.nanoTime());
		context.sourceIp(this.clientAddresses.resolve(exchange.getRequest()));
		exchange.getAttributes().put(ApiRequestContext.ATTRIBUTE, context);
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set(REQUEST_ID_HEADER, context.requestId());
		headers.set(EXTENDED_REQUEST_ID_HEADER, context.extendedRequestId());
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
