package dev.turnpike.gateway.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.networknt.schema.Error;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.config.model.MethodParameter;
import dev.turnpike.gateway.config.model.RequestLocation;
import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;
import dev.turnpike.gateway.context.Bodies;

/**
 * Method request validation, as API Gateway does it after authorization and usage-plan
 * checks: first the method's required parameters (present and non-blank; 400
 * {@code Missing required request parameters: [h1, q1]}, headers listed first, then path,
 * then query string), then the body against the model for its Content-Type (an empty body
 * counts as {@code {}}; 400 {@code Invalid request body}, the details in
 * {@code $context.error.validationErrorString}). A body that was read for validation is
 * replayed unchanged to the integration.
 */
public class RequestValidationGatewayFilterFactory
		extends AbstractGatewayFilterFactory<RequestValidationGatewayFilterFactory.Config> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DefaultDataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

	private final int maxPayloadBytes;

	public RequestValidationGatewayFilterFactory(int maxPayloadBytes) {
		super(Config.class);
		this.maxPayloadBytes = maxPayloadBytes;
	}

	/** Per-route configuration. */
	public static class Config {

		private RequestValidation validation;

		private List<MethodParameter> required;

		public Config of(RequestValidation validation, List<MethodParameter> parameters) {
			this.validation = validation;
			List<MethodParameter> required = new ArrayList<>();
			for (RequestLocation location : List.of(RequestLocation.HEADER, RequestLocation.PATH,
					RequestLocation.QUERYSTRING)) {
				parameters.stream().filter(p -> p.required() && p.location() == location).forEach(required::add);
			}
			this.required = List.copyOf(required);
			return this;
		}

	}

	@Override
	public GatewayFilter apply(Config config) {
		GatewayFilter filter = new GatewayFilter() {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				if (config.validation.validateParameters()) {
					checkParameters(config.required, exchange);
				}
				if (!config.validation.validateBody() || config.validation.models().isEmpty()) {
					return chain.filter(exchange);
				}
				String contentType = mimeType(exchange.getRequest().getHeaders().getFirst(HttpHeaders.CONTENT_TYPE));
				RequestValidation.Model model = config.validation.models().get(contentType);
				if (model == null) {
					return chain.filter(exchange);
				}
				return Bodies.read(exchange, RequestValidationGatewayFilterFactory.this.maxPayloadBytes)
					.flatMap(body -> {
						checkBody(model, body);
						return chain.filter(exchange.mutate().request(replaying(exchange.getRequest(), body)).build());
					});
			}

			@Override
			public String toString() {
				return "RequestValidation[" + config.validation.validator() + "]";
			}

		};
		// Its place in the flow (order and span) is RequestFlow.REQUEST_VALIDATION, given
		// by the RouteCompiler.
		return filter;
	}

	private static void checkParameters(List<MethodParameter> required, ServerWebExchange exchange) {
		ApiRequestContext context = ApiRequestContext.of(exchange);
		List<String> missing = new ArrayList<>();
		for (MethodParameter parameter : required) {
			String value = switch (parameter.location()) {
				case HEADER -> exchange.getRequest().getHeaders().getFirst(parameter.name());
				case PATH -> context.rawPathParameters().get(parameter.name());
				case QUERYSTRING -> exchange.getRequest().getQueryParams().getFirst(parameter.name());
				default -> "present";
			};
			if (value == null || value.isBlank()) {
				missing.add(parameter.name());
			}
		}
		if (!missing.isEmpty()) {
			String list = "[" + String.join(", ", missing) + "]";
			throw GatewayException.validation(GatewayResponseType.BAD_REQUEST_PARAMETERS,
					"Missing required request parameters: " + list, list);
		}
	}

	private static void checkBody(RequestValidation.Model model, byte[] body) {
		JsonNode document;
		try {
			document = JSON.readTree((body.length == 0) ? "{}".getBytes(StandardCharsets.UTF_8) : body);
		}
		catch (JacksonException ex) {
			throw GatewayException.validation(GatewayResponseType.BAD_REQUEST_BODY, "Invalid request body",
					"[Invalid JSON: " + ex.getOriginalMessage() + "]");
		}
		List<Error> errors = model.schema().validate(document);
		if (!errors.isEmpty()) {
			throw GatewayException.validation(GatewayResponseType.BAD_REQUEST_BODY, "Invalid request body",
					errors.stream()
						.map(error -> error.getInstanceLocation() + ": " + error.getMessage())
						.collect(Collectors.joining(", ", "[", "]")));
		}
	}

	/**
	 * The request with its already-read body served again (heap buffers: nothing to
	 * release).
	 */
	private static ServerHttpRequest replaying(ServerHttpRequest request, byte[] body) {
		return new ServerHttpRequestDecorator(request) {

			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.defer(() -> Flux.just(BUFFERS.wrap(body)));
			}

		};
	}

	private static String mimeType(String header) {
		if (header == null || header.isBlank()) {
			return MediaType.APPLICATION_JSON_VALUE;
		}
		int semicolon = header.indexOf(';');
		return ((semicolon >= 0) ? header.substring(0, semicolon) : header).trim().toLowerCase(java.util.Locale.ROOT);
	}

}
