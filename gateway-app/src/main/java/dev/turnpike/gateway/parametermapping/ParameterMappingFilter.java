package dev.turnpike.gateway.parametermapping;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.context.Bodies;
import dev.turnpike.gateway.context.ContextVariables;
import dev.turnpike.gateway.error.GatewayException;
import dev.turnpike.gateway.error.GatewayResponseType;

/**
 * Applies one route's parameter mapping: the request's headers, query string and
 * integration path are rewritten before the integration (reading the body only when a
 * mapping reads {@code $request.body}); the integration's answer with a mapped status
 * code gets its status and headers rewritten before it is sent. Gateway errors are not
 * mapped, as AWS maps only what the integration answered.
 */
final class ParameterMappingFilter implements GatewayFilter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ParameterMappings mappings;

	private final int maxBodyBytes;

	ParameterMappingFilter(ParameterMappings mappings, int maxBodyBytes) {
		this.mappings = mappings;
		this.maxBodyBytes = maxBodyBytes;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ApiRequestContext context = ApiRequestContext.of(exchange);
		if (!this.mappings.response().isEmpty()) {
			mapResponse(exchange, context);
		}
		if (this.mappings.request().isEmpty()) {
			return chain.filter(exchange);
		}
		if (!this.mappings.readsRequestBody()) {
			return chain.filter(mapRequest(exchange, context, null));
		}
		return Bodies.read(exchange, this.maxBodyBytes)
			.onErrorMap(DataBufferLimitException.class,
					ex -> GatewayException.of(GatewayResponseType.REQUEST_TOO_LARGE))
			.flatMap(body -> {
				ServerWebExchange replayed = exchange.mutate().request(replaying(exchange, body)).build();
				return chain.filter(mapRequest(replayed, context, json(body)));
			});
	}

	private ServerWebExchange mapRequest(ServerWebExchange exchange, ApiRequestContext context, JsonNode body) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders headers = new HttpHeaders();
		request.getHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
		MultiValueMap<String, String> query = null;
		for (ParameterMappings.Mapping mapping : this.mappings.request()) {
			String value = (mapping.action() == ParameterMappings.Action.REMOVE) ? ""
					: mapping.value().resolve(part -> requestValue(part, exchange, context, body));
			if (value == null) {
				continue;
			}
			switch (mapping.target()) {
				case HEADER ->
					apply(mapping.action(), mapping.name(), value, headers::remove, headers::set, headers::add);
				case QUERYSTRING -> {
					if (query == null) {
						query = new LinkedMultiValueMap<>();
						request.getQueryParams().forEach(query::addAll);
					}
					MultiValueMap<String, String> params = query;
					apply(mapping.action(), mapping.name(), value, params::remove, params::set, params::add);
				}
				case PATH -> context.integrationPath(
						UriUtils.encodePath(value.startsWith("/") ? value : "/" + value, StandardCharsets.UTF_8));
				default -> {
				}
			}
		}
		ServerHttpRequest.Builder mutated = request.mutate().headers(target -> {
			target.clear();
			target.addAll(headers);
		});
		if (query != null) {
			mutated.uri(withQuery(request.getURI(), query));
		}
		return exchange.mutate().request(mutated.build()).build();
	}

	private interface Remove {

		void apply(String name);

	}

	private interface Put {

		void apply(String name, String value);

	}

	private static void apply(ParameterMappings.Action action, String name, String value, Remove remove, Put set,
			Put add) {
		switch (action) {
			case REMOVE -> remove.apply(name);
			case OVERWRITE -> set.apply(name, value);
			case APPEND -> add.apply(name, value);
		}
	}

	private static URI withQuery(URI uri, MultiValueMap<String, String> query) {
		StringBuilder raw = new StringBuilder();
		query.forEach((name, values) -> values.forEach(value -> {
			if (!raw.isEmpty()) {
				raw.append('&');
			}
			raw.append(UriUtils.encodeQueryParam(name, StandardCharsets.UTF_8));
			if (value != null) {
				raw.append('=').append(UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8));
			}
		}));
		return UriComponentsBuilder.fromUri(uri)
			.replaceQuery(raw.isEmpty() ? null : raw.toString())
			.build(true)
			.toUri();
	}

	private static String requestValue(MappingValue.Part part, ServerWebExchange exchange, ApiRequestContext context,
			JsonNode body) {
		ServerHttpRequest request = exchange.getRequest();
		return switch (part.source()) {
			case REQUEST_HEADER -> joined(request.getHeaders().get(part.name()));
			case REQUEST_QUERYSTRING -> joined(request.getQueryParams().get(part.name()));
			case REQUEST_PATH_PARAMETER -> {
				String raw = context.rawPathParameters().get(part.name());
				yield (raw != null) ? UriUtils.decode(raw, StandardCharsets.UTF_8) : null;
			}
			case REQUEST_PATH -> UriUtils.decode(context.resourceRequestPath(), StandardCharsets.UTF_8);
			case REQUEST_BODY -> bodyValue(body, part.name());
			case CONTEXT -> ContextVariables.resolve(part.name(), exchange, context);
			case STAGE_VARIABLE -> context.stageVariables().get(part.name());
			default -> null;
		};
	}

	private void mapResponse(ServerWebExchange exchange, ApiRequestContext context) {
		ServerHttpResponse response = exchange.getResponse();
		response.beforeCommit(() -> {
			HttpStatusCode status = response.getStatusCode();
			List<ParameterMappings.Mapping> mappings = (status != null && context.hasIntegrationStarted()
					&& context.errorResponseType() == null) ? this.mappings.response().get(status.value()) : null;
			if (mappings == null) {
				return Mono.empty();
			}
			HttpHeaders headers = response.getHeaders();
			HttpHeaders answered = new HttpHeaders();
			headers.forEach((name, values) -> answered.put(name, List.copyOf(values)));
			for (ParameterMappings.Mapping mapping : mappings) {
				String value = (mapping.action() == ParameterMappings.Action.REMOVE) ? ""
						: mapping.value().resolve(part -> responseValue(part, answered, exchange, context));
				if (value == null) {
					continue;
				}
				if (mapping.target() == ParameterMappings.Target.STATUS_CODE) {
					Integer code = ParameterMappingConfig.statusCode(value);
					if (code != null) {
						response.setStatusCode(HttpStatusCode.valueOf(code));
					}
					continue;
				}
				apply(mapping.action(), mapping.name(), value, headers::remove, headers::set, headers::add);
			}
			return Mono.empty();
		});
	}

	private static String responseValue(MappingValue.Part part, HttpHeaders answered, ServerWebExchange exchange,
			ApiRequestContext context) {
		return switch (part.source()) {
			case RESPONSE_HEADER -> joined(answered.get(part.name()));
			case CONTEXT -> ContextVariables.resolve(part.name(), exchange, context);
			case STAGE_VARIABLE -> context.stageVariables().get(part.name());
			case REQUEST_HEADER -> joined(exchange.getRequest().getHeaders().get(part.name()));
			case REQUEST_QUERYSTRING -> joined(exchange.getRequest().getQueryParams().get(part.name()));
			default -> null;
		};
	}

	private static String joined(List<String> values) {
		return (values == null || values.isEmpty()) ? null : String.join(",", values);
	}

	private static JsonNode json(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * {@code $request.body.a.b[0]}: the JSON value at that path (text as is, anything
	 * else as JSON), or {@code null}.
	 */
	static String bodyValue(JsonNode body, String path) {
		if (body == null) {
			return null;
		}
		StringBuilder pointer = new StringBuilder();
		for (String step : path.replace("[", ".").replace("]", "").split("\\.")) {
			if (!step.isEmpty()) {
				pointer.append('/').append(step.replace("~", "~0").replace("/", "~1"));
			}
		}
		JsonNode value = body.at(JsonPointer.compile(pointer.toString()));
		if (value == null || value.isMissingNode() || value.isNull()) {
			return null;
		}
		return value.isValueNode() ? value.asString() : value.toString();
	}

	private static ServerHttpRequest replaying(ServerWebExchange exchange, byte[] body) {
		return new ServerHttpRequestDecorator(exchange.getRequest()) {

			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
			}

		};
	}

	@Override
	public String toString() {
		return "ParameterMapping[" + this.mappings.request().size() + " request, " + this.mappings.response().size()
				+ " status codes]";
	}

}
