package dev.turnpike.gateway.responses;

import java.util.List;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

import dev.turnpike.gateway.TurnpikeProperties;
import dev.turnpike.gateway.context.ClientAddresses;
import dev.turnpike.gateway.context.RequestContextWebFilter;
import dev.turnpike.gateway.policy.Cidr;

/**
 * The error writer, the exception handler that uses it, and the request context that
 * every response carries.
 */
@Configuration(proxyBeanMethods = false)
class ResponsesConfiguration {

	@Bean
	GatewayResponseWriter gatewayResponseWriter() {
		return new GatewayResponseWriter();
	}

	@Bean
	GatewayErrorWebExceptionHandler gatewayErrorWebExceptionHandler(GatewayResponseWriter writer) {
		return new GatewayErrorWebExceptionHandler(writer);
	}

	@Bean
	RequestContextWebFilter requestContextWebFilter(TurnpikeProperties properties) {
		List<Cidr> trusted = properties.trustedProxies().stream().map(Cidr::parse).toList();
		return new RequestContextWebFilter(new ClientAddresses(trusted));
	}

	/**
	 * A backend cannot overwrite the gateway's own request id headers: they stay the
	 * gateway's, as on API Gateway.
	 */
	@Bean
	HttpHeadersFilter reservedResponseHeadersFilter() {
		List<String> reserved = List.of(RequestContextWebFilter.REQUEST_ID_HEADER,
				RequestContextWebFilter.EXTENDED_REQUEST_ID_HEADER);
		return new HttpHeadersFilter() {

			@Override
			public HttpHeaders filter(HttpHeaders input, org.springframework.web.server.ServerWebExchange exchange) {
				if (reserved.stream().noneMatch(input::containsHeader)) {
					return input;
				}
				HttpHeaders filtered = new HttpHeaders();
				filtered.addAll(input);
				reserved.forEach(filtered::remove);
				return filtered;
			}

			@Override
			public boolean supports(Type type) {
				return type == Type.RESPONSE;
			}

		};
	}

}
