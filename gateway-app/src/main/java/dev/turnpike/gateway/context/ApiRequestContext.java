package dev.turnpike.gateway.context;

import java.util.Map;

import org.springframework.web.server.ServerWebExchange;

import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.ApiMethod;
import dev.turnpike.gateway.config.model.Stage;

/**
 * What the gateway knows about one request, AWS {@code $context}-style: its ids and time,
 * and — once routing has matched it — the API, stage, resource and method. Lives in an
 * exchange attribute from the first {@code WebFilter} to the last byte of the response;
 * one request is handled by one thread at a time, so plain fields suffice.
 */
public final class ApiRequestContext {

	public static final String ATTRIBUTE = ApiRequestContext.class.getName();

	private final String requestId;

	private final String extendedRequestId;

	private final long requestTimeEpoch;

	private final long startNanos;

	private Api api;

	private Stage stage;

	private ApiMethod method;

	private String resourcePath;

	private Map<String, String> pathParameters = Map.of();

	private String domainName;

	private String stagePath;

	private String resourceRequestPath;

	private String apiKeyId;

	private String apiKey;

	private String usageIdentifierKey;

	private AuthorizerResult authorizer;

	private java.net.InetAddress sourceIp;

	private long integrationStartNanos;

	private long integrationLatencyMillis = -1;

	private int integrationStatus;

	private String errorMessage;

	private String errorResponseType;

	private String integrationPath;

	private String deploymentId;

	private String traceId;

	ApiRequestContext(String requestId, String extendedRequestId, long requestTimeEpoch, long startNanos) {
		this.requestId = requestId;
		this.extendedRequestId = extendedRequestId;
		this.requestTimeEpoch = requestTimeEpoch;
		this.startNanos = startNanos;
	}

	/**
	 * The context of an exchange, or {@code null} when none was created (a request on the
	 * management port).
	 */
	public static ApiRequestContext of(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

	/** Records the API stage the request addresses (known before the resource is). */
	public void stageMatched(Api api, Stage stage, String domainName, String stagePath) {
		this.api = api;
		this.stage = stage;
		this.domainName = domainName;
		this.stagePath = stagePath;
	}

	/** Records the id of what the stage serves ({@code $context.deploymentId}). */
	public void deploymentId(String deploymentId) {
		this.deploymentId = deploymentId;
	}

	public String deploymentId() {
		return this.deploymentId;
	}

	/** Records the resource path the request addresses, relative to the stage. */
	public void resourceRequested(String resourceRequestPath) {
		this.resourceRequestPath = resourceRequestPath;
	}

	/** Records the matched resource and method. */
	public void methodMatched(ApiMethod method, String resourcePath, Map<String, String> pathParameters) {
		this.method = method;
		this.resourcePath = resourcePath;
		this.pathParameters = pathParameters;
	}

	public String requestId() {
		return this.requestId;
	}

	public String extendedRequestId() {
		return this.extendedRequestId;
	}

	public long requestTimeEpoch() {
		return this.requestTimeEpoch;
	}

	public long startNanos() {
		return this.startNanos;
	}

	/**
	 * The API, or {@code null} when the request named no API stage this gateway serves.
	 */
	public Api api() {
		return this.api;
	}

	public Stage stage() {
		return this.stage;
	}

	/** The matched method, or {@code null} before (or without) a match. */
	public ApiMethod method() {
		return this.method;
	}

	/** The matched resource path template ({@code /pets/{petId}}), or {@code null}. */
	public String resourcePath() {
		return this.resourcePath;
	}

	/** Path parameter values as they appeared in the request (still percent-encoded). */
	public Map<String, String> rawPathParameters() {
		return this.pathParameters;
	}

	public Map<String, String> stageVariables() {
		return (this.stage != null) ? this.stage.variables() : Map.of();
	}

	public String domainName() {
		return this.domainName;
	}

	/**
	 * The stage part of the request path: {@code /dev} on an execute-api host, the base
	 * path on a custom domain.
	 */
	public String stagePath() {
		return this.stagePath;
	}

	/**
	 * Records the API key the request was admitted with ({@code $context.identity.apiKey}
	 * / {@code apiKeyId}).
	 */
	public void apiKeyUsed(String keyId, String value) {
		this.apiKeyId = keyId;
		this.apiKey = value;
	}

	public String apiKeyId() {
		return this.apiKeyId;
	}

	/** The key value; for templates only, never for logs. */
	public String apiKey() {
		return this.apiKey;
	}

	/**
	 * The API key a Lambda authorizer returned ({@code usageIdentifierKey}), for APIs
	 * whose key source is AUTHORIZER.
	 */
	public String usageIdentifierKey() {
		return this.usageIdentifierKey;
	}

	public void usageIdentifierKey(String key) {
		this.usageIdentifierKey = key;
	}

	/**
	 * What an authorizer established: {@code $context.authorizer.principalId},
	 * {@code $context.authorizer.<key>} and {@code $context.authorizer.claims.<claim>}.
	 */
	public record AuthorizerResult(String principalId, java.util.Map<String, String> context,
			java.util.Map<String, String> claims) {
	}

	public void authorized(AuthorizerResult result) {
		this.authorizer = result;
	}

	/** The authorizer's result, or {@code null} when the method has no authorizer. */
	public AuthorizerResult authorizer() {
		return this.authorizer;
	}

	/** The client address, once resolved (trusted proxies taken into account). */
	public java.net.InetAddress sourceIp() {
		return this.sourceIp;
	}

	public void sourceIp(java.net.InetAddress address) {
		this.sourceIp = address;
	}

	/** The request path below the stage ({@code /pets/1}), as received. */
	public String resourceRequestPath() {
		return this.resourceRequestPath;
	}

	/** Marks the start of the backend call. */
	public void integrationStarted() {
		this.integrationStartNanos = System.nanoTime();
	}

	/** Whether the integration was called (whatever it answered). */
	public boolean hasIntegrationStarted() {
		return this.integrationStartNanos != 0;
	}

	/**
	 * Replaces the path of the integration's URI for this request (an HTTP API's
	 * {@code overwrite:path} mapping); already encoded.
	 */
	public void integrationPath(String path) {
		this.integrationPath = path;
	}

	/** The path set by {@link #integrationPath(String)}, or {@code null}. */
	public String integrationPath() {
		return this.integrationPath;
	}

	/** Marks the backend's answer ({@code status} 0 when there was none). */
	public void integrationFinished(int status) {
		if (this.integrationStartNanos != 0 && this.integrationLatencyMillis < 0) {
			this.integrationLatencyMillis = (System.nanoTime() - this.integrationStartNanos) / 1_000_000;
			this.integrationStatus = status;
		}
	}

	/** {@code $context.integrationLatency} in ms, or -1 when no backend was called. */
	public long integrationLatencyMillis() {
		return this.integrationLatencyMillis;
	}

	/** {@code $context.integrationStatus}, or 0. */
	public int integrationStatus() {
		return this.integrationStatus;
	}

	/**
	 * Records the gateway response the request ended with ({@code $context.error.*} in
	 * access logs).
	 */
	public void errorAnswered(String message, String responseType) {
		this.errorMessage = message;
		this.errorResponseType = responseType;
	}

	public String errorMessage() {
		return this.errorMessage;
	}

	public String errorResponseType() {
		return this.errorResponseType;
	}

	/** The request's trace id (32 hex characters), once tracing has one. */
	public String traceId() {
		return this.traceId;
	}

	public void traceId(String traceId) {
		this.traceId = traceId;
	}

}
