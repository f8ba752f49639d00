package dev.turnpike.gateway.responses;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.GatewayResponseSpec;
import dev.turnpike.gateway.config.model.SimpleTemplate;
import dev.turnpike.gateway.config.model.ValueExpression;
import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.context.ContextVariables;
import dev.turnpike.gateway.context.RequestContextWebFilter;
import dev.turnpike.gateway.context.RequestValues;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * The one place that writes an error to a client, as an API Gateway gateway response: the
 * type's status (or the API's customisation of it), {@code x-amzn-ErrorType},
 * {@code x-amzn-RequestId}, the API's custom headers, and the body template
 * ({@code {"message":$context.error.messageString}} unless customised). A type the API
 * has not customised falls back to the API's {@code DEFAULT_4XX}/{@code DEFAULT_5XX}
 * customisation, then to AWS's default.
 */
public final class GatewayResponseWriter {

	private static final Log LOG = LogFactory.getLog(GatewayResponseWriter.class);

	public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

	static final SimpleTemplate DEFAULT_TEMPLATE = SimpleTemplate.parse("{\"message\":$context.error.messageString}");

	public Mono<Void> write(ServerWebExchange exchange, GatewayException error) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			// Headers are already on the wire (a backend failed mid-body): the only
			// honest signal left is to
			// break the connection, which propagating the error does. Not with its cause:
			// WebFlux takes a
			// "Connection reset by peer" anywhere in it for a client that went away and
			// ends the exchange quietly,
			// and the client would wait forever for the rest of a body whose length it
			// was promised.
			return Mono.error((error.getCause() != null)
					? GatewayException.withStatus(error.type(), error.status(), null) : error);
		}
		ApiRequestContext context = ApiRequestContext.of(exchange);
		if (error.type() == GatewayResponseType.NO_MATCHING_ROUTE
				|| (context != null && context.api() != null && context.api().isHttpApi())) {
			return writeHttpApi(exchange, context, error);
		}
		if (context != null) {
			context.errorAnswered(error.getMessage(), error.type().name());
		}
		GatewayResponseSpec spec = customisation(context, error.type());
		int status = (spec != null && spec.statusCode() != null) ? spec.statusCode() : error.status();

		HttpHeaders headers = response.getHeaders();
		headers.clear();
		if (context != null) {
			headers.set(RequestContextWebFilter.REQUEST_ID_HEADER, context.requestId());
			headers.set(RequestContextWebFilter.EXTENDED_REQUEST_ID_HEADER, context.extendedRequestId());
		}
		if (error.type().errorType() != null) {
			headers.set(ERROR_TYPE_HEADER, error.type().errorType());
		}
		Map.Entry<String, SimpleTemplate> template = template(spec);
		headers.set(HttpHeaders.CONTENT_TYPE, template.getKey());
		error.headers().forEach(headers::set);
		if (spec != null && context != null) {
			addCustomHeaders(spec, exchange, context, headers);
		}
		response.setStatusCode(HttpStatusCode.valueOf(status));
		byte[] body = template.getValue()
			.render(name -> variable(name, error, exchange, context))
			.getBytes(StandardCharsets.UTF_8);
		headers.setContentLength(body.length);
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

	/**
	 * An HTTP API's error: a fixed status and message per kind of error, the
	 * {@code apigw-requestid} header, no {@code x-amzn-ErrorType}, nothing customisable.
	 */
	private static Mono<Void> writeHttpApi(ServerWebExchange exchange, ApiRequestContext context,
			GatewayException error) {
		ServerHttpResponse response = exchange.getResponse();
		HttpApiErrors.Answer answer = HttpApiErrors.of(error.type(), error.status());
		if (context != null) {
			context.errorAnswered(answer.message(), error.type().name());
		}
		HttpHeaders headers = response.getHeaders();
		headers.clear();
		if (context != null) {
			headers.set(RequestContextWebFilter.HTTP_API_REQUEST_ID_HEADER, context.requestId());
		}
		headers.set(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
		error.headers().forEach(headers::set);
		response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
		byte[] body = ("{\"message\":" + quote(answer.message()) + "}").getBytes(StandardCharsets.UTF_8);
		headers.setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	/**
	 * The API's customisation for this type: its own, else its DEFAULT_4XX/5XX, else
	 * none.
	 */
	static GatewayResponseSpec customisation(ApiRequestContext context, GatewayResponseType type) {
		Api api = (context != null) ? context.api() : null;
		if (api == null) {
			return null;
		}
		GatewayResponseSpec own = type.isCustomizable() ? api.gatewayResponses().get(type) : null;
		return (own != null) ? own : api.gatewayResponses().get(type.fallback());
	}

	private static Map.Entry<String, SimpleTemplate> template(GatewayResponseSpec spec) {
		if (spec != null && !spec.responseTemplates().isEmpty()) {
			SimpleTemplate json = spec.responseTemplates().get(MediaType.APPLICATION_JSON_VALUE);
			return (json != null) ? Map.entry(MediaType.APPLICATION_JSON_VALUE, json)
					: spec.responseTemplates().entrySet().iterator().next();
		}
		return Map.entry(MediaType.APPLICATION_JSON_VALUE, DEFAULT_TEMPLATE);
	}

	private static void addCustomHeaders(GatewayResponseSpec spec, ServerWebExchange exchange,
			ApiRequestContext context, HttpHeaders headers) {
		for (Map.Entry<String, ValueExpression> header : spec.responseParameters().entrySet()) {
			String value = RequestValues.single(header.getValue(), exchange, context);
			if (value != null) {
				headers.put(header.getKey(), List.of(value));
			}
		}
	}

	private static String variable(String name, GatewayException error, ServerWebExchange exchange,
			ApiRequestContext context) {
		if (name.startsWith("stageVariables.")) {
			return (context != null) ? context.stageVariables().get(name.substring("stageVariables.".length())) : null;
		}
		String contextName = name.substring("context.".length());
		return switch (contextName) {
			case "error.message" -> error.getMessage();
			case "error.messageString" -> quote(error.getMessage());
			case "error.responseType" -> error.type().name();
			case "error.validationErrorString" -> error.validationErrorString();
			default -> (context != null) ? ContextVariables.resolve(contextName, exchange, context) : null;
		};
	}

	/**
	 * A JSON string literal, quotes included; {@code null} stays the bare word, as AWS
	 * renders it.
	 */
	static String quote(String message) {
		if (message == null) {
			return "null";
		}
		StringBuilder quoted = new StringBuilder(message.length() + 2).append('"');
		JsonStringEncoder.getInstance().quoteAsString(message, quoted);
		return quoted.append('"').toString();
	}

	static void logClientGone(ServerWebExchange exchange, Throwable ex) {
		if (LOG.isDebugEnabled()) {
			ApiRequestContext context = ApiRequestContext.of(exchange);
			LOG.debug("Client closed the connection before the answer to " + exchange.getRequest().getMethod() + " "
					+ exchange.getRequest().getPath() + " was sent (request id "
					+ ((context != null) ? context.requestId() : "-") + "): " + ex.getMessage());
		}
	}

	static void logUnexpected(ServerWebExchange exchange, Throwable ex) {
		ApiRequestContext context = ApiRequestContext.of(exchange);
		LOG.error("Unexpected error answering " + exchange.getRequest().getMethod() + " "
				+ exchange.getRequest().getPath() + " (request id " + ((context != null) ? context.requestId() : "-")
				+ ")", ex);
	}

}
