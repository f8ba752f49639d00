package dev.turnpike.gateway.integration;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.config.model.IntegrationResponse;
import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;
import dev.turnpike.gateway.lambda.LambdaInvoker;
import dev.turnpike.gateway.lambda.LambdaResult;
import dev.turnpike.gateway.resilience.BackendGuard;
import dev.turnpike.gateway.template.MappingTemplateEngine;

/**
 * The Lambda non-proxy integration ({@code aws} with a Lambda function): the request
 * template the Content-Type selects makes the event (or the body passes through, per
 * {@code passthroughBehavior}); the function's output is the integration response. A
 * function error's {@code errorMessage} selects the integration response by
 * {@code selectionPattern} (else the default one, as AWS does); a successful invocation
 * takes the default. The chosen response's status, mapped headers and response template
 * (over the function's output) make the answer.
 */
public class LambdaIntegrationGatewayFilterFactory extends AbstractGatewayFilterFactory<IntegrationConfig> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final LambdaInvoker lambda;

	private final MappingTemplateEngine templates;

	private final String accountId;

	private final int maxPayloadBytes;

	public LambdaIntegrationGatewayFilterFactory(LambdaInvoker lambda, MappingTemplateEngine templates,
			String accountId, int maxPayloadBytes) {
		super(IntegrationConfig.class);
		this.lambda = lambda;
		this.templates = templates;
		this.accountId = accountId;
		this.maxPayloadBytes = maxPayloadBytes;
	}

	@Override
	public GatewayFilter apply(IntegrationConfig config) {
		IntegrationTarget target = config.getTarget();
		BackendGuard guard = config.getGuard();
		return IntegrationFilters.buffered("LambdaIntegration[" + target + "]", this.maxPayloadBytes,
				(exchange, body) -> invoke(target, guard, exchange, body));
	}

	private Mono<Void> invoke(IntegrationTarget target, BackendGuard guard, ServerWebExchange exchange,
			byte[] clientBody) {
		ApiRequestContext context = ApiRequestContext.of(exchange);
		TemplateVariables variables = TemplateVariables.of(exchange, context, this.accountId);
		TemplateSelection.RequestChoice choice = TemplateSelection.forRequest(target.integration(),
				exchange.getRequest().getHeaders().getFirst(HttpHeaders.CONTENT_TYPE));
		byte[] event = choice.passthrough() ? clientBody
				: TemplateSelection
					.render(this.templates, choice.template(),
							variables.over(new String(clientBody, StandardCharsets.UTF_8)))
					.getBytes(StandardCharsets.UTF_8);
		if (event.length == 0) {
			event = "{}".getBytes(StandardCharsets.UTF_8);
		}
		return LambdaInvocations.invoke(this.lambda, target, guard, exchange.getRequest().getMethod(), event)
			.doOnNext(result -> context.integrationFinished(200))
			.flatMap(result -> respond(target, exchange, context, variables, result));
	}

	private Mono<Void> respond(IntegrationTarget target, ServerWebExchange exchange, ApiRequestContext context,
			TemplateVariables variables, LambdaResult result) {
		String output = result.payloadAsString();
		IntegrationResponse selected = result.isFunctionError()
				? IntegrationResponses.select(target.integration(), errorMessage(output))
				: target.integration().defaultResponse();
		if (selected == null) {
			throw GatewayException.of(GatewayResponseType.API_CONFIGURATION_ERROR);
		}
		return IntegrationResponses.write(this.templates, selected, null, result.payload(),
				MediaType.APPLICATION_JSON_VALUE, exchange, context, variables);
	}

	/**
	 * The {@code errorMessage} of a function error (what selection patterns are matched
	 * against).
	 */
	private static String errorMessage(String output) {
		try {
			JsonNode error = JSON.readTree(output);
			JsonNode message = (error != null) ? error.get("errorMessage") : null;
			return (message != null && !message.isNull()) ? message.asString() : "";
		}
		catch (RuntimeException ex) {
			return output;
		}
	}

}
