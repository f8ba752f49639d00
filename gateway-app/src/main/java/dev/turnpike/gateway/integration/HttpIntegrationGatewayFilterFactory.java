package dev.turnpike.gateway.integration;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.config.model.IntegrationResponse;
import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.observability.XRayTraceIds;
import dev.turnpike.gateway.resilience.BackendGuard;
import dev.turnpike.gateway.template.MappingTemplateEngine;

/**
 * The {@code http} (non-proxy) integration. Only what the integration maps reaches the
 * backend: its method, the URI with mapped path parameters, mapped query parameters and
 * headers, and the body, transformed by the request template the Content-Type selects (or
 * passed through, or refused with 415, per {@code passthroughBehavior}). The backend's
 * status selects an integration response by {@code selectionPattern}; its status, mapped
 * headers and response template (chosen by Accept, {@code $input} being the backend's
 * body) make the client's response, after any {@code $context.responseOverride}. No match
 * and no {@code default} entry → 500, as on AWS.
 */
public class HttpIntegrationGatewayFilterFactory extends AbstractGatewayFilterFactory<IntegrationConfig> {

	/**
	 * Answers worth another attempt (for idempotent methods, when retries are
	 * configured).
	 */
	private static final java.util.Set<Integer> RETRYABLE = java.util.Set.of(502, 503, 504);

	private final IntegrationHttp http;

	private final MappingTemplateEngine templates;

	private final String accountId;

	private final int maxPayloadBytes;

	public HttpIntegrationGatewayFilterFactory(IntegrationHttp http, MappingTemplateEngine templates, String accountId,
			int maxPayloadBytes) {
		super(IntegrationConfig.class);
		this.http = http;
		this.templates = templates;
		this.accountId = accountId;
		this.maxPayloadBytes = maxPayloadBytes;
	}

	@Override
	public GatewayFilter apply(IntegrationConfig config) {
		IntegrationTarget target = config.getTarget();
		BackendGuard guard = config.getGuard();
		return IntegrationFilters.buffered("HttpIntegration[" + target + "]", this.maxPayloadBytes,
				(exchange, body) -> call(target, guard, exchange, body));
	}

	private Mono<Void> call(IntegrationTarget target, BackendGuard guard, ServerWebExchange exchange,
			byte[] clientBody) {
		ApiRequestContext context = ApiRequestContext.of(exchange);
		TemplateVariables variables = TemplateVariables.of(exchange, context, this.accountId);
		String clientContentType = exchange.getRequest().getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
		TemplateSelection.RequestChoice choice = TemplateSelection.forRequest(target.integration(), clientContentType);
		byte[] payload = clientBody;
		String payloadType = clientContentType;
		if (!choice.passthrough()) {
			payload = TemplateSelection
				.render(this.templates, choice.template(),
						variables.over(new String(clientBody, StandardCharsets.UTF_8)))
				.getBytes(StandardCharsets.UTF_8);
			payloadType = choice.contentType();
		}
		URI uri = target.uri(exchange, context, false, variables.requestOverrides("path"),
				variables.requestOverrides("querystring"));
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, uri);
		HttpHeaders headers = new HttpHeaders();
		if (payloadType != null && payload.length > 0) {
			headers.set(HttpHeaders.CONTENT_TYPE, payloadType);
		}
		String xray = XRayTraceIds.forRequest(exchange.getRequest().getHeaders().getFirst(XRayTraceIds.HEADER),
				context.traceId());
		if (xray != null) {
			headers.set(XRayTraceIds.HEADER, "Root=" + xray);
		}
		target.applyHeaders(headers, exchange, context);
		variables.requestOverrides("header").forEach(headers::set);
		HttpMethod method = target.method(exchange);
		byte[] sent = payload;
		return guard
			.call(method, Mono.defer(() -> this.http.exchange(method, uri, headers, sent, target.timeout())),
					backend -> backend.status() >= 500, backend -> RETRYABLE.contains(backend.status()))
			.doOnNext(backend -> context.integrationFinished(backend.status()))
			.flatMap(backend -> respond(target, exchange, context, variables, backend));
	}

	private Mono<Void> respond(IntegrationTarget target, ServerWebExchange exchange, ApiRequestContext context,
			TemplateVariables variables, IntegrationHttp.BackendResponse backend) {
		IntegrationResponse selected = IntegrationResponses.select(target.integration(),
				Integer.toString(backend.status()));
		return IntegrationResponses.write(this.templates, selected, backend.headers(), backend.body(),
				backend.headers().getFirst(HttpHeaders.CONTENT_TYPE), exchange, context, variables);
	}

}
