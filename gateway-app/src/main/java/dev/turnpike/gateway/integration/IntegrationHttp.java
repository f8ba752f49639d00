package dev.turnpike.gateway.integration;

import java.net.URI;
import java.time.Duration;

import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls a backend for a non-proxy {@code http} integration with the gateway's pooled HTTP
 * client: the whole request out, the whole response back (bounded by the payload limit),
 * within the integration timeout.
 */
public final class IntegrationHttp {

	/** A backend's answer. */
	public record BackendResponse(int status, HttpHeaders headers, byte[] body) {
	}

	private static final byte[] EMPTY = new byte[0];

	private final WebClient client;

	/**
	 * @param observations observes each call, which propagates the trace
	 * ({@code traceparent}) to the backend
	 */
	public IntegrationHttp(HttpClient http, int maxResponseBytes, ObservationRegistry observations) {
		this.client = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(http))
			.observationRegistry(observations)
			.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(maxResponseBytes))
			.build();
	}

	public Mono<BackendResponse> exchange(HttpMethod method, URI uri, HttpHeaders headers, byte[] body,
			Duration timeout) {
		WebClient.RequestBodySpec request = this.client.method(method)
			.uri(uri)
			.headers(target -> target.addAll(headers))
			.httpRequest(clientRequest -> {
				Object netty = clientRequest.getNativeRequest();
				if (netty instanceof HttpClientRequest nettyRequest) {
					nettyRequest.responseTimeout(timeout);
				}
			});
		WebClient.RequestHeadersSpec<?> ready = (body.length > 0) ? request.bodyValue(body) : request;
		return ready
			.exchangeToMono(response -> response.bodyToMono(byte[].class)
				.defaultIfEmpty(EMPTY)
				.map(bytes -> new BackendResponse(response.statusCode().value(),
						HttpHeaders.copyOf(response.headers().asHttpHeaders()), bytes)))
			.timeout(timeout.plusMillis(250));
	}

}
