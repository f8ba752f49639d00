package dev.turnpike.gateway.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.turnpike.gateway.config.model.RequestLocation;
import dev.turnpike.gateway.config.model.ValueExpression;

/**
 * Parses the source side of parameter mappings: {@code 'static'},
 * {@code method.request.<location>.<name>}, {@code method.request.body[.<path>]},
 * {@code stageVariables.<name>}, {@code context.<name>} and, in response mappings,
 * {@code integration.response.(header|multivalueheader).<name>} and
 * {@code integration.response.body[.<path>]}. A leading {@code $} is accepted on the
 * stage and context forms, as some AWS exports write them that way.
 */
final class ValueExpressions {

	/** Which sources a mapping may use. */
	enum Scope {

		/** Integration request parameters and gateway response headers. */
		REQUEST,
		/** Method response parameters of an integration response. */
		RESPONSE

	}

	private static final Pattern PARAM_NAME = Pattern.compile("[a-zA-Z0-9._$-]+");

	private static final Pattern METHOD_REQUEST = Pattern
		.compile("method\\.request\\.(path|querystring|header|multivaluequerystring|multivalueheader)\\.(.+)");

	private static final Pattern METHOD_BODY = Pattern.compile("method\\.request\\.body(?:\\.(.+))?");

	private static final Pattern STAGE = Pattern.compile("\\$?stageVariables\\.([A-Za-z0-9_]+)");

	private static final Pattern CONTEXT = Pattern.compile("\\$?context\\.([A-Za-z0-9_.]+)");

	private static final Pattern RESPONSE_HEADER = Pattern
		.compile("integration\\.response\\.(header|multivalueheader)\\.(.+)");

	private static final Pattern RESPONSE_BODY = Pattern.compile("integration\\.response\\.body(?:\\.(.+))?");

	private ValueExpressions() {
	}

	/**
	 * The expression in {@code node}, or {@code null} after reporting why it is not one.
	 */
	static ValueExpression parse(ConfigNode node, Scope scope) {
		String raw = node.requiredText();
		if (raw == null) {
			return null;
		}
		String text = raw.trim();
		ValueExpression expression = parse(text, scope);
		if (expression == null) {
			node.error("'" + raw + "' is not a valid mapping source (expected 'static value', "
					+ (scope == Scope.REQUEST ? "method.request.<path|querystring|header>.<name>, method.request.body"
							: "integration.response.header.<name>, integration.response.body")
					+ ", stageVariables.<name> or context.<name>)");
		}
		return expression;
	}

	static ValueExpression parse(String text, Scope scope) {
		if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
			return new ValueExpression.Static(text.substring(1, text.length() - 1));
		}
		Matcher matcher = STAGE.matcher(text);
		if (matcher.matches()) {
			return new ValueExpression.StageVariable(matcher.group(1));
		}
		matcher = CONTEXT.matcher(text);
		if (matcher.matches()) {
			return new ValueExpression.Context(matcher.group(1));
		}
		return (scope == Scope.REQUEST) ? parseRequest(text) : parseResponse(text);
	}

	private static ValueExpression parseRequest(String text) {
		Matcher matcher = METHOD_REQUEST.matcher(text);
		if (matcher.matches() && PARAM_NAME.matcher(matcher.group(2)).matches()) {
			return new ValueExpression.MethodRequest(RequestLocation.fromConfigName(matcher.group(1)),
					matcher.group(2));
		}
		matcher = METHOD_BODY.matcher(text);
		if (matcher.matches()) {
			return new ValueExpression.MethodRequestBody(matcher.group(1));
		}
		return null;
	}

	private static ValueExpression parseResponse(String text) {
		Matcher matcher = RESPONSE_HEADER.matcher(text);
		if (matcher.matches()) {
			return new ValueExpression.IntegrationResponseHeader(matcher.group(2),
					"multivalueheader".equals(matcher.group(1)));
		}
		matcher = RESPONSE_BODY.matcher(text);
		if (matcher.matches()) {
			return new ValueExpression.IntegrationResponseBody(matcher.group(1));
		}
		return null;
	}

	static boolean isParameterName(String name) {
		return PARAM_NAME.matcher(name).matches();
	}

}
