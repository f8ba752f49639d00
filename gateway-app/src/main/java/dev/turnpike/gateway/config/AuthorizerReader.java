package dev.turnpike.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.turnpike.gateway.config.model.AuthorizerSpec.IdentitySource;
import dev.turnpike.gateway.config.model.ApiType;
import dev.turnpike.gateway.config.model.AuthorizerSpec;

/** Reads and checks one {@code x-amazon-apigateway-authorizer}. */
final class AuthorizerReader {

	static final int DEFAULT_TTL_SECONDS = 300;

	static final int MAX_TTL_SECONDS = 3600;

	private static final Pattern SOURCE = Pattern.compile(
			"(?:method\\.request\\.|\\$request\\.)(header|querystring)\\.(.+)|\\$?(stageVariables|context)\\.(.+)");

	private static final Pattern USER_POOL_ARN = Pattern
		.compile("arn:aws[a-z-]*:cognito-idp:([a-z0-9-]+):\\d*:userpool/([A-Za-z0-9_-]+)");

	private AuthorizerReader() {
	}

	/**
	 * HTTP API authorizer settings: the 2.0 event and simple responses are HTTP API
	 * features, read on an HTTP API's REQUEST authorizer and refused on a REST API, where
	 * AWS has neither (a function written for them would never be asked correctly).
	 */
	private static void checkByValue(ApiType apiType, AwsExtensions.Extension extension, ConfigNode node) {
		boolean supported = switch (extension.name()) {
			case "authorizerPayloadFormatVersion" ->
				"1.0".equals(node.text()) || (apiType == ApiType.HTTP && "2.0".equals(node.text()));
			case "enableSimpleResponses" -> Boolean.FALSE.equals(node.bool()) || apiType == ApiType.HTTP;
			default -> false;
		};
		if (!supported) {
			AwsExtensions.refuse(node, "'" + node.text() + "'",
					"it is the HTTP API authorizer contract, and this document is a REST API");
		}
	}

	/**
	 * @param headerName the security scheme's {@code name}: the token header when no
	 * identitySource is given
	 * @param cognitoIssuer turns a user pool's region and id into its issuer URL
	 */
	static AuthorizerSpec read(String schemeName, String headerName, ConfigNode node,
			java.util.function.BinaryOperator<String> cognitoIssuer) {
		return read(schemeName, headerName, node, cognitoIssuer, ApiType.REST);
	}

	static AuthorizerSpec read(String schemeName, String headerName, ConfigNode node,
			java.util.function.BinaryOperator<String> cognitoIssuer, ApiType apiType) {
		if (!node.isMap()) {
			node.error("must be an object");
			return null;
		}
		AwsExtensions.checkKeys(node, AwsExtensions.Where.AUTHORIZER,
				(extension, value) -> checkByValue(apiType, extension, value));
		String typeText = node.get("type").requiredText();
		if (typeText == null) {
			return null;
		}
		AuthorizerSpec.Type type;
		try {
			type = AuthorizerSpec.Type.valueOf(typeText.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			node.get("type")
				.error("'" + typeText + "' is not an authorizer type (token, request, cognito_user_pools or jwt)");
			return null;
		}
		List<IdentitySource> sources = readSources(node.get("identitySource"), type, headerName);
		Pattern validation = readPattern(node.get("identityValidationExpression"));
		Integer ttl = node.get("authorizerResultTtlInSeconds").integer(0, MAX_TTL_SECONDS);
		int resultTtl = (ttl != null) ? ttl : DEFAULT_TTL_SECONDS;
		if (apiType == ApiType.HTTP
				&& (type == AuthorizerSpec.Type.TOKEN || type == AuthorizerSpec.Type.COGNITO_USER_POOLS)) {
			node.get("type")
				.error("'" + typeText + "' is a REST API authorizer type; an HTTP API's authorizers are request"
						+ " (Lambda) and jwt");
			return null;
		}
		return switch (type) {
			case TOKEN, REQUEST -> lambda(schemeName, type, node, sources, validation, resultTtl);
			case JWT -> jwt(schemeName, node, sources);
			case COGNITO_USER_POOLS -> cognito(schemeName, node, sources, validation, cognitoIssuer);
		};
	}

	private static AuthorizerSpec lambda(String name, AuthorizerSpec.Type type, ConfigNode node,
			List<IdentitySource> sources, Pattern validation, int ttl) {
		String uri = node.get("authorizerUri").requiredText();
		if (uri != null && !uri.contains("${stageVariables.")) {
			try {
				dev.turnpike.gateway.lambda.FunctionRef.fromInvocationUri(uri);
			}
			catch (IllegalArgumentException ex) {
				node.get("authorizerUri").error(ex.getMessage());
			}
		}
		if (type == AuthorizerSpec.Type.TOKEN
				&& (sources.size() != 1 || sources.get(0).kind() != IdentitySource.Kind.HEADER)) {
			node.get("identitySource").error("a token authorizer takes its token from exactly one header");
		}
		if (type == AuthorizerSpec.Type.REQUEST && ttl > 0 && sources.isEmpty()) {
			node.get("identitySource")
				.error("a request authorizer with caching (authorizerResultTtlInSeconds > 0) needs"
						+ " identity sources: the cache key");
		}
		String payload = "2.0".equals(node.get("authorizerPayloadFormatVersion").text()) ? "2.0" : "1.0";
		boolean simple = Boolean.TRUE.equals(node.get("enableSimpleResponses").bool());
		if (simple && !"2.0".equals(payload)) {
			node.get("enableSimpleResponses")
				.error("simple responses come with payload 2.0 only (authorizerPayloadFormatVersion: \"2.0\")");
		}
		if (!"1.0".equals(payload) && type == AuthorizerSpec.Type.TOKEN) {
			node.get("authorizerPayloadFormatVersion").error("a token authorizer gets the 1.0 event only");
		}
		return new AuthorizerSpec(name, type, uri, sources, validation, ttl, null, List.of(), List.of(), payload,
				simple);
	}

	private static AuthorizerSpec jwt(String name, ConfigNode node, List<IdentitySource> sources) {
		ConfigNode config = node.get("jwtConfiguration");
		String issuer = config.get("issuer").requiredText();
		List<String> audiences = new ArrayList<>();
		config.get("audience").items().forEach(item -> audiences.add(item.text()));
		if (audiences.isEmpty() && !config.isMissing()) {
			config.get("audience").error("a JWT authorizer needs at least one audience");
		}
		return new AuthorizerSpec(name, AuthorizerSpec.Type.JWT, null, sources, null, 0, issuer, List.copyOf(audiences),
				List.of());
	}

	private static AuthorizerSpec cognito(String name, ConfigNode node, List<IdentitySource> sources,
			Pattern validation, java.util.function.BinaryOperator<String> cognitoIssuer) {
		List<String> arns = new ArrayList<>();
		String issuer = null;
		for (ConfigNode arn : node.get("providerARNs").items()) {
			String text = arn.text();
			Matcher matcher = (text != null) ? USER_POOL_ARN.matcher(text) : null;
			if (matcher == null || !matcher.matches()) {
				arn.error("'" + text
						+ "' is not a Cognito user pool ARN (arn:aws:cognito-idp:{region}:{account}:userpool/{id})");
				continue;
			}
			arns.add(text);
			issuer = (issuer == null) ? cognitoIssuer.apply(matcher.group(1), matcher.group(2)) : issuer;
		}
		if (arns.isEmpty()) {
			node.get("providerARNs").error("a Cognito authorizer needs the user pool's ARN in providerARNs");
		}
		else if (arns.size() > 1) {
			node.get("providerARNs")
				.error("Turnpike accepts tokens from one user pool per authorizer; define one"
						+ " authorizer per pool");
		}
		return new AuthorizerSpec(name, AuthorizerSpec.Type.COGNITO_USER_POOLS, null, sources, validation, 0, issuer,
				List.of(), List.copyOf(arns));
	}

	private static List<IdentitySource> readSources(ConfigNode node, AuthorizerSpec.Type type, String headerName) {
		String text = node.text();
		if (text == null || text.isBlank()) {
			if (type == AuthorizerSpec.Type.REQUEST) {
				return List.of();
			}
			String header = (headerName != null && !headerName.isBlank() && !"Unused".equals(headerName)) ? headerName
					: "Authorization";
			return List.of(new IdentitySource(IdentitySource.Kind.HEADER, header));
		}
		List<IdentitySource> sources = new ArrayList<>();
		for (String part : text.split(",")) {
			Matcher matcher = SOURCE.matcher(part.trim());
			if (!matcher.matches()) {
				node.error("'" + part.trim() + "' is not an identity source (method.request.header.X,"
						+ " method.request.querystring.X, stageVariables.X or context.X)");
				continue;
			}
			if (matcher.group(1) != null) {
				sources.add(new IdentitySource(matcher.group(1).equals("header") ? IdentitySource.Kind.HEADER
						: IdentitySource.Kind.QUERYSTRING, matcher.group(2)));
			}
			else {
				sources.add(new IdentitySource(matcher.group(3).equals("stageVariables")
						? IdentitySource.Kind.STAGE_VARIABLE : IdentitySource.Kind.CONTEXT, matcher.group(4)));
			}
		}
		return List.copyOf(sources);
	}

	private static Pattern readPattern(ConfigNode node) {
		String text = node.text();
		if (text == null) {
			return null;
		}
		try {
			return Pattern.compile(text);
		}
		catch (PatternSyntaxException ex) {
			node.error("'" + text + "' is not a valid regular expression: " + ex.getDescription());
			return null;
		}
	}

}
