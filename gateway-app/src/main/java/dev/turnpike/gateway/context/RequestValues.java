package dev.turnpike.gateway.context;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriUtils;

import dev.turnpike.gateway.config.model.ValueExpression;
import dev.turnpike.gateway.template.JsonValues;

/**
 * Evaluates request-side mapping sources ({@code method.request.*}, {@code 'static'},
 * {@code stageVariables.*}, {@code context.*}) against one request. Single-valued sources
 * take the last value of a repeated header or query parameter, as API Gateway does; path
 * parameters come back decoded.
 */
public final class RequestValues {

	/**
	 * Exchange attribute with the request body as text, set by integrations that buffer
	 * it.
	 */
	public static final String REQUEST_BODY = RequestValues.class.getName() + ".requestBody";

	private RequestValues() {
	}

	/**
	 * The single value of {@code source} for this request, or {@code null} when it has
	 * none.
	 */
	public static String single(ValueExpression source, ServerWebExchange exchange, ApiRequestContext context) {
		if (source instanceof ValueExpression.Static value) {
			return value.value();
		}
		if (source instanceof ValueExpression.StageVariable variable) {
			return context.stageVariables().get(variable.name());
		}
		if (source instanceof ValueExpression.Context variable) {
			return ContextVariables.resolve(variable.name(), exchange, context);
		}
		if (source instanceof ValueExpression.MethodRequestBody body) {
			// Only integrations that read the body whole (non-proxy ones) make it
			// available.
			String text = exchange.getAttribute(REQUEST_BODY);
			return (text == null || body.jsonPath() == null) ? text : JsonValues.read(text, body.jsonPath());
		}
		if (source instanceof ValueExpression.MethodRequest parameter) {
			List<String> values = multi(parameter, exchange, context);
			if (values.isEmpty()) {
				return null;
			}
			return (parameter.location() == parameter.location().singleValued()) ? values.get(values.size() - 1)
					: String.join(",", values);
		}
		return null;
	}

	/** Every value of a method request parameter, in request order (decoded). */
	public static List<String> multi(ValueExpression.MethodRequest parameter, ServerWebExchange exchange,
			ApiRequestContext context) {
		ServerHttpRequest request = exchange.getRequest();
		List<String> values = switch (parameter.location().singleValued()) {
			case PATH -> {
				String raw = context.rawPathParameters().get(parameter.name());
				yield (raw != null) ? List.of(UriUtils.decode(raw, StandardCharsets.UTF_8)) : List.of();
			}
			case QUERYSTRING -> request.getQueryParams().get(parameter.name());
			case HEADER -> request.getHeaders().get(parameter.name());
			default -> List.of();
		};
		return (values != null) ? values : List.of();
	}

}
