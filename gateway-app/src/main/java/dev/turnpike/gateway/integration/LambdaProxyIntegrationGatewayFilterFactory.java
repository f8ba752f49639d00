package dev.turnpike.gateway.integration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.context.Bodies;
import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;
import dev.turnpike.gateway.lambda.LambdaInvoker;
import dev.turnpike.gateway.lambda.LambdaResult;
import dev.turnpike.gateway.resilience.BackendGuard;

/**
 * The Lambda proxy integration ({@code aws_proxy}): the whole request becomes the event
 * (payload 1.0, or 2.0 when the integration says so), the function is invoked where
 * {@code turnpike.lambda.*} says (a Lambda-compatible endpoint, or AWS Lambda), and its
 * output, checked as AWS checks it, is the response. A function error or malformed output
 * is 502 {@code Internal server error}.
 */
public class LambdaProxyIntegrationGatewayFilterFactory extends AbstractGatewayFilterFactory<IntegrationConfig> {

	private static final Log LOG = LogFactory.getLog(LambdaProxyIntegrationGatewayFilterFactory.class);

	private final LambdaInvoker lambda;

	private final String accountId;

	private final int maxPayloadBytes;

	public LambdaProxyIntegrationGatewayFilterFactory(LambdaInvoker lambda, String accountId, int maxPayloadBytes) {
		super(IntegrationConfig.class);
		this.lambda = lambda;
		this.accountId = accountId;
		this.maxPayloadBytes = maxPayloadBytes;
	}

	@Override
	public GatewayFilter apply(IntegrationConfig config) {
		IntegrationTarget target = config.getTarget();
		BackendGuard guard = config.getGuard();
		boolean v2 = "2.0".equals(target.integration().payloadFormatVersion());
		return IntegrationFilters.buffered(
				"LambdaProxyIntegration[" + target + ", payload " + target.integration().payloadFormatVersion() + "]",
				this.maxPayloadBytes, (exchange, body) -> {
					ApiRequestContext context = ApiRequestContext.of(exchange);
					byte[] event = v2 ? LambdaProxyEvents.v2(exchange, context, body, accountId())
							: LambdaProxyEvents.v1(exchange, context, body, accountId());
					return LambdaInvocations
						.invoke(this.lambda, target, guard, exchange.getRequest().getMethod(), event)
						// the Lambda service answered (what AWS logs as the integration
						// status), whatever the function did
						.doOnNext(result -> context.integrationFinished(200))
						.flatMap(result -> respond(target, exchange, context, result, v2));
				});
	}

	private String accountId() {
		return this.accountId;
	}

	private static Mono<Void> respond(IntegrationTarget target, ServerWebExchange exchange, ApiRequestContext context,
			LambdaResult result, boolean v2) {
		if (result.isFunctionError()) {
			LOG.warn("Lambda proxy function " + target.function() + " failed (" + result.functionError() + "): "
					+ abbreviate(result.payloadAsString()));
			return Mono.error(GatewayException.withStatus(GatewayResponseType.INTEGRATION_FAILURE, 502, null));
		}
		LambdaProxyResponses.ProxyResponse response;
		try {
			boolean binary = BinaryMediaTypes.matches(context.api().binaryMediaTypes(),
					exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT));
			response = LambdaProxyResponses.parse(result.payload(), v2, binary);
		}
		catch (LambdaProxyResponses.MalformedException ex) {
			LOG.warn("Execution failed due to configuration error: Malformed Lambda proxy response from "
					+ target.function() + ": " + ex.getMessage());
			return Mono.error(GatewayException.withStatus(GatewayResponseType.INTEGRATION_FAILURE, 502, ex));
		}
		return Bodies.write(exchange, response.status(), response.headers(), response.body());
	}

	private static String abbreviate(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "..." : text;
	}

}
