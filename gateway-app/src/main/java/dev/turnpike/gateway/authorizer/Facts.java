package dev.turnpike.gateway.authorizer;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.policy.RequestFacts;

/** The request facts policy conditions see. */
public final class Facts {

	private Facts() {
	}

	public static RequestFacts of(ServerWebExchange exchange, ApiRequestContext context) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		return new RequestFacts(context.sourceIp(), headers.getFirst(HttpHeaders.USER_AGENT),
				headers.getFirst(HttpHeaders.REFERER),
				"https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme()));
	}

}
