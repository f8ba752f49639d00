package dev.turnpike.gateway.observability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.turnpike.gateway.config.model.AccessLogSettings;
import dev.turnpike.gateway.context.ApiRequestContext;
import dev.turnpike.gateway.context.ContextVariables;

/**
 * API Gateway's access logging: one line per request in the stage's format (a preset or a
 * custom one of {@code $context} variables), to stdout (the {@code turnpike.access}
 * logger, a bare line per request, the Kubernetes way) or appended to a file. Stages
 * without their own settings use the gateway's default; without either nothing is logged.
 * Missing values print as {@code -}, as on AWS. API key values never appear:
 * {@code $context.identity.apiKey} always prints {@code -}.
 */
public final class AccessLog implements Consumer<CompletedRequest>, AutoCloseable {

	private static final Log STDOUT = LogFactory.getLog("turnpike.access");

	private final AccessLogSettings defaults;

	private final Map<String, FileAccessLogSink> files = new ConcurrentHashMap<>();

	/**
	 * @param defaults the gateway's default settings, or {@code null} for none
	 */
	public AccessLog(AccessLogSettings defaults) {
		this.defaults = defaults;
	}

	@Override
	public void accept(CompletedRequest request) {
		ApiRequestContext context = request.context();
		AccessLogSettings settings = (context.stage() != null && context.stage().accessLog() != null)
				? context.stage().accessLog() : this.defaults;
		if (settings == null) {
			return;
		}
		String line = settings.format().render(name -> value(name, request));
		if ("stdout".equals(settings.destination())) {
			STDOUT.info(line);
		}
		else {
			this.files.computeIfAbsent(settings.destination(), FileAccessLogSink::new).append(line);
		}
	}

	private static String value(String name, CompletedRequest request) {
		String value = resolve(name, request);
		return (value == null || value.isEmpty()) ? "-" : value;
	}

	private static String resolve(String name, CompletedRequest request) {
		ApiRequestContext context = request.context();
		if (name.startsWith("stageVariables.")) {
			return context.stageVariables().get(name.substring("stageVariables.".length()));
		}
		String variable = name.substring("context.".length());
		return switch (variable) {
			case "status" -> (request.status() > 0) ? Integer.toString(request.status()) : null;
			case "responseLength" -> Long.toString(request.responseLength());
			case "responseLatency" -> Long.toString(request.latencyNanos() / 1_000_000);
			case "integrationLatency", "integration.latency" ->
				(context.integrationLatencyMillis() >= 0) ? Long.toString(context.integrationLatencyMillis()) : null;
			case "integrationStatus", "integration.integrationStatus", "integration.status" ->
				(context.integrationStatus() > 0) ? Integer.toString(context.integrationStatus()) : null;
			case "error.message" -> context.errorMessage();
			case "error.messageString" ->
				(context.errorMessage() != null) ? "\"" + context.errorMessage() + "\"" : null;
			case "error.responseType" -> context.errorResponseType();
			case "xrayTraceId" -> XRayTraceIds.forRequest(
					request.exchange().getRequest().getHeaders().getFirst(XRayTraceIds.HEADER), context.traceId());
			case "identity.apiKey" -> null;
			default -> ContextVariables.resolve(variable, request.exchange(), context);
		};
	}

	@Override
	public void close() {
		this.files.values().forEach(FileAccessLogSink::close);
	}

}
