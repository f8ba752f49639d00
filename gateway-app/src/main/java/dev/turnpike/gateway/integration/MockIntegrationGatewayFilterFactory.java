package dev.turnpike.gateway.integration;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.context.Bodies;
import dev.turnpike.gateway.config.model.Integration;
import dev.turnpike.gateway.config.model.IntegrationResponse;
import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;
import dev.turnpike.gateway.template.MappingTemplateEngine;

/**
 * The {@code mock} integration: the gateway answers by itself. The request template the
 * Content-Type selects is rendered (VTL, over the request) and gives the integration
 * status ({@code {"statusCode": 200}}; 200 without templates); that status selects an
 * integration response by {@code selectionPattern}, whose status, headers and rendered
 * response template (chosen by Accept) make the answer. No backend is called.
 */
public class MockIntegrationGatewayFilterFactory extends AbstractGatewayFilterFactory<IntegrationConfig> {

	private static final Pattern STATUS_CODE = Pattern.compile("\"statusCode\"\\s*:\\s*\"?(\\d{3})\"?");

	private final MappingTemplateEngine templates;

	private final String accountId;

	public MockIntegrationGatewayFilterFactory(MappingTemplateEngine templates, String accountId) {
		super(IntegrationConfig.class);
		this.templates = templates;
		this.accountId = accountId;
	}

	@Override
	public GatewayFilter apply(IntegrationConfig config) {
		IntegrationTarget target = config.getTarget();
		GatewayFilter filter = new GatewayFilter() {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				Integration integration = target.integration();
				if (integration.requestTemplates().isEmpty()) {
					return respond(integration, exchange, "");
				}
				return Bodies.read(exchange, 10 * 1024 * 1024)
					.flatMap(body -> respond(integration, exchange, new String(body, StandardCharsets.UTF_8)));
			}

			@Override
			public String toString() {
				return "MockIntegration[responses=" + target.integration().responses().size() + "]";
			}

		};
		// Its place in the flow (order and span) is RequestFlow.INTEGRATION, given by the
		// RouteCompiler.
		return filter;
	}

	private Mono<Void> respond(Integration integration, ServerWebExchange exchange, String requestBody) {
		ApiRequestContext context = ApiRequestContext.of(exchange);
		TemplateVariables variables = TemplateVariables.of(exchange, context, this.accountId);
		int status = integrationStatus(integration, exchange, variables, requestBody);
		IntegrationResponse selected = IntegrationResponses.select(integration, Integer.toString(status));
		return IntegrationResponses.write(this.templates, selected, null, new byte[0], MediaType.APPLICATION_JSON_VALUE,
				exchange, context, variables);
	}

	/**
	 * The status the rendered request template asks for; 200 without templates; 500 when
	 * it names none.
	 */
	private int integrationStatus(Integration integration, ServerWebExchange exchange, TemplateVariables variables,
			String requestBody) {
		if (integration.requestTemplates().isEmpty()) {
			return 200;
		}
		TemplateSelection.RequestChoice choice = TemplateSelection.forRequest(integration,
				exchange.getRequest().getHeaders().getFirst(HttpHeaders.CONTENT_TYPE));
		if (choice.passthrough()) {
			return 200;
		}
		String rendered = TemplateSelection.render(this.templates, choice.template(), variables.over(requestBody));
		Matcher matcher = STATUS_CODE.matcher(rendered);
		if (!matcher.find()) {
			throw GatewayException.of(GatewayResponseType.API_CONFIGURATION_ERROR);
		}
		return Integer.parseInt(matcher.group(1));
	}

}
