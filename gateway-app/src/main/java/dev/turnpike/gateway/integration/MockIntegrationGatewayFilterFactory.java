package dev.turnpike.gateway.integration;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.TurnpikeFilterOrder;
import dev.turnpike.gateway.config.model.Integration;
import dev.turnpike.gateway.config.model.IntegrationResponse;
import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;

/**
 * The {@code mock} integration: the gateway answers by itself. The request template chosen by the request's
 * Content-Type gives the integration status ({@code {"statusCode": 200}}; 200 when there is no template); that
 * status selects an integration response by {@code selectionPattern}, whose status, headers and response
 * template (chosen by {@code Accept}) make the answer. No backend is called.
 */
public class MockIntegrationGatewayFilterFactory extends AbstractGatewayFilterFactory<IntegrationConfig> {

	private static final Pattern STATUS_CODE = Pattern.compile("\"statusCode\"\\s*:\\s*\"?(\\d{3})\"?");

	public MockIntegrationGatewayFilterFactory() {
		super(IntegrationConfig.class);
	}

	@Override
	public GatewayFilter apply(IntegrationConfig config) {
		IntegrationTarget target = config.getTarget();
		GatewayFilter filter = new GatewayFilter() {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				return respond(target.integration(), exchange);
			}

			@Override
			public String toString() {
				return "MockIntegration[responses=" + target.integration().responses().size() + "]";
			}

		};
		return new OrderedGatewayFilter(filter, TurnpikeFilterOrder.INTEGRATION);
	}

	static Mono<Void> respond(Integration integration, ServerWebExchange exchange) {
		ApiRequestContext context = ApiRequestContext.of(exchange);
		int status = integrationStatus(integration, exchange.getRequest().getHeaders().getFirst(HttpHeaders.CONTENT_TYPE));
		IntegrationResponse selected = IntegrationResponses.select(integration, Integer.toString(status));
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatusCode.valueOf(selected.statusCode()));
		IntegrationResponses.applyResponseParameters(selected, null, response.getHeaders(), exchange, context);
		Map.Entry<String, String> template = IntegrationResponses.chooseTemplate(selected.responseTemplates(),
				exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT));
		response.getHeaders().set(HttpHeaders.CONTENT_TYPE,
				(template != null) ? template.getKey() : MediaType.APPLICATION_JSON_VALUE);
		byte[] body = (template != null) ? template.getValue().getBytes(StandardCharsets.UTF_8) : new byte[0];
		response.getHeaders().setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	/** The status the request template asks for; 200 without templates; 500 when a template names none. */
	static int integrationStatus(Integration integration, String contentType) {
		Map.Entry<String, String> template = IntegrationResponses.chooseTemplate(integration.requestTemplates(),
				contentType);
		if (template == null) {
			return 200;
		}
		Matcher matcher = STATUS_CODE.matcher(template.getValue());
		if (!matcher.find()) {
			throw GatewayException.of(GatewayResponseType.API_CONFIGURATION_ERROR);
		}
		return Integer.parseInt(matcher.group(1));
	}

}
