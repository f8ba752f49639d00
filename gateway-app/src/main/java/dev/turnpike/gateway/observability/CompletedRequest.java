package dev.turnpike.gateway.observability;

import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.context.ApiRequestContext;

/**
 * A request once its response is complete: what metrics and access logs are made of.
 *
 * @param exchange the exchange
 * @param context its API context
 * @param status the response status (0 when the client went away before one was sent)
 * @param responseLength body bytes sent
 * @param latencyNanos from the gateway receiving the request to the response being sent
 */
public record CompletedRequest(ServerWebExchange exchange, ApiRequestContext context, int status, long responseLength,
		long latencyNanos) {

	/** {@code 2xx}, {@code 4xx}, ...; {@code none} when no response was sent. */
	public String statusClass() {
		return (this.status >= 100 && this.status < 600) ? (this.status / 100) + "xx" : "none";
	}

}
