package dev.turnpike.gateway.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@code x-amazon-apigateway-*} extension (and every key inside the integration and
 * authorizer objects) with what Turnpike does with it. It is the one list the loader
 * checks documents against and that {@code config-repo/README.md} documents (a test
 * compares the two): nothing AWS defines is skipped in silence.
 * <ul>
 * <li>{@link Handling#READ}: acted on;</li>
 * <li>{@link Handling#IGNORED}: not acted on; the load warns, naming the file and
 * field;</li>
 * <li>{@link Handling#REFUSED}: not acted on, and ignoring it would weaken security
 * (authorization, policies, network isolation), so the load fails;</li>
 * <li>{@link Handling#DEPENDS}: read, warned or refused by value, as its note says.</li>
 * </ul>
 * Extensions not in the list are warned about as unknown.
 */
public final class AwsExtensions {

	static final String PREFIX = "x-amazon-apigateway-";

	public enum Handling {

		READ, IGNORED, REFUSED, DEPENDS;

		/** The word the README's table uses. */
		String word() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** Where an extension or key may appear. */
	public enum Where {

		ROOT("root"), PATH_ITEM("path item"), OPERATION("operation"), SECURITY_SCHEME("security scheme"),
		INTEGRATION("integration"), INTEGRATION_RESPONSE("integration response"), AUTHORIZER("authorizer");

		private final String label;

		Where(String label) {
			this.label = label;
		}

		String label() {
			return this.label;
		}

	}

	public record Extension(String name, Where where, Handling handling, String note) {
	}

	/**
	 * What the loader itself reads or does not; features add what they read
	 * ({@link FeatureConfig#extensions()}).
	 */
	private static final List<Extension> CORE = List.of(
			// root
			new Extension("x-amazon-apigateway-policy", Where.ROOT, Handling.READ, "resource policy"),
			new Extension("x-amazon-apigateway-gateway-responses", Where.ROOT, Handling.READ, "gateway responses"),
			new Extension("x-amazon-apigateway-binary-media-types", Where.ROOT, Handling.READ, "binary media types"),
			new Extension("x-amazon-apigateway-api-key-source", Where.ROOT, Handling.READ, "HEADER or AUTHORIZER"),
			new Extension("x-amazon-apigateway-endpoint-configuration", Where.ROOT, Handling.DEPENDS,
					"refused with disableExecuteApiEndpoint: true or vpcEndpointIds (the API would be reachable where"
							+ " AWS would not serve it); types is ignored with a warning"),

			new Extension("x-amazon-apigateway-minimum-compression-size", Where.ROOT, Handling.IGNORED,
					"responses are not compressed"),
			new Extension("x-amazon-apigateway-importexport-version", Where.ROOT, Handling.READ,
					"\"1.0\" (what aws apigatewayv2 export-api writes) marks an HTTP API"),
			new Extension("x-amazon-apigateway-documentation", Where.ROOT, Handling.IGNORED, "documentation parts"),
			new Extension("x-amazon-apigateway-tag-value", Where.ROOT, Handling.IGNORED, "tags"),
			// path items and operations
			new Extension("x-amazon-apigateway-any-method", Where.PATH_ITEM, Handling.READ,
					"the resource's ANY method"),
			new Extension("x-amazon-apigateway-integration", Where.OPERATION, Handling.READ, "the integration"),
			new Extension("x-amazon-apigateway-auth", Where.OPERATION, Handling.DEPENDS,
					"type NONE is read; AWS_IAM is refused (IAM authorization is not supported yet, and serving the"
							+ " method without it would open it)"),
			// security schemes
			new Extension("x-amazon-apigateway-authorizer", Where.SECURITY_SCHEME, Handling.READ, "the authorizer"),
			new Extension("x-amazon-apigateway-authtype", Where.SECURITY_SCHEME, Handling.DEPENDS,
					"a label; awsSigv4 (IAM) is refused on any method that requires the scheme"),
			// keys of x-amazon-apigateway-integration
			new Extension("type", Where.INTEGRATION, Handling.READ, "http_proxy, http, mock, aws_proxy, aws (Lambda)"),
			new Extension("uri", Where.INTEGRATION, Handling.READ, ""),
			new Extension("httpMethod", Where.INTEGRATION, Handling.READ, ""),
			new Extension("requestParameters", Where.INTEGRATION, Handling.READ, ""),
			new Extension("requestTemplates", Where.INTEGRATION, Handling.READ, ""),
			new Extension("responses", Where.INTEGRATION, Handling.READ, ""),
			new Extension("passthroughBehavior", Where.INTEGRATION, Handling.READ, ""),
			new Extension("timeoutInMillis", Where.INTEGRATION, Handling.READ, ""),
			new Extension("payloadFormatVersion", Where.INTEGRATION, Handling.READ, "1.0 or 2.0 (aws_proxy)"),
			new Extension("contentHandling", Where.INTEGRATION, Handling.IGNORED,
					"CONVERT_TO_TEXT / CONVERT_TO_BINARY are not applied; bodies pass through"),
			new Extension("connectionType", Where.INTEGRATION, Handling.DEPENDS,
					"INTERNET is read; VPC_LINK is ignored with a warning (the uri is called directly)"),
			new Extension("connectionId", Where.INTEGRATION, Handling.IGNORED, "the uri is called directly"),
			new Extension("credentials", Where.INTEGRATION, Handling.DEPENDS,
					"arn:aws:iam::*:user/* (call with the caller's identity) is refused; a role is ignored with a"
							+ " warning (the gateway's own credentials are used)"),
			new Extension("tlsConfig", Where.INTEGRATION, Handling.IGNORED,
					"backend certificates are always verified against the uri's host"),
			new Extension("integrationSubtype", Where.INTEGRATION, Handling.IGNORED,
					"AWS service integrations other than Lambda are refused by their uri"),
			// keys of an integration response
			new Extension("statusCode", Where.INTEGRATION_RESPONSE, Handling.READ, ""),
			new Extension("responseParameters", Where.INTEGRATION_RESPONSE, Handling.READ, ""),
			new Extension("responseTemplates", Where.INTEGRATION_RESPONSE, Handling.READ, ""),
			new Extension("contentHandling", Where.INTEGRATION_RESPONSE, Handling.IGNORED,
					"not applied; bodies pass through"),
			// keys of x-amazon-apigateway-authorizer
			new Extension("type", Where.AUTHORIZER, Handling.READ, "token, request, cognito_user_pools, jwt"),
			new Extension("authorizerUri", Where.AUTHORIZER, Handling.READ, ""),
			new Extension("identitySource", Where.AUTHORIZER, Handling.READ, ""),
			new Extension("identityValidationExpression", Where.AUTHORIZER, Handling.READ, ""),
			new Extension("authorizerResultTtlInSeconds", Where.AUTHORIZER, Handling.READ, ""),
			new Extension("providerARNs", Where.AUTHORIZER, Handling.READ, ""),
			new Extension("jwtConfiguration", Where.AUTHORIZER, Handling.READ, ""),
			new Extension("authorizerCredentials", Where.AUTHORIZER, Handling.IGNORED,
					"the function is invoked with the gateway's credentials"),
			new Extension("authorizerPayloadFormatVersion", Where.AUTHORIZER, Handling.DEPENDS,
					"1.0 is read; 2.0 (the HTTP API event) is read on HTTP APIs and refused on REST APIs"),
			new Extension("enableSimpleResponses", Where.AUTHORIZER, Handling.DEPENDS,
					"false is read; true (HTTP API simple responses, with payload 2.0) is read on HTTP APIs and"
							+ " refused on REST APIs"));

	/** Every row: the loader's own and the installed features'. */
	static final List<Extension> ALL = java.util.stream.Stream
		.concat(CORE.stream(), FeatureConfigs.installed().stream().flatMap(feature -> feature.extensions().stream()))
		.toList();

	private AwsExtensions() {
	}

	static Optional<Extension> find(String name, Where where) {
		return ALL.stream().filter(e -> e.where() == where && e.name().equals(name)).findFirst();
	}

	/**
	 * Checks the {@code x-amazon-apigateway-*} extensions of one object (the document
	 * root, a path item, an operation or a security scheme): unknown and
	 * {@link Handling#IGNORED} ones warn, {@link Handling#REFUSED} ones fail.
	 * {@link Handling#DEPENDS} ones are left to {@code byValue}, which is called with
	 * their node.
	 */
	static void check(Map<String, Object> extensions, Where where, String file, String location, Problems problems,
			java.util.function.BiConsumer<Extension, ConfigNode> byValue) {
		if (extensions == null) {
			return;
		}
		extensions.forEach((name, value) -> {
			if (!name.startsWith(PREFIX)) {
				return;
			}
			ConfigNode node = ConfigNode.at(file, location.isEmpty() ? name : location + "." + name, value, problems);
			checkOne(find(name, where), node, where, byValue);
		});
	}

	/**
	 * Checks the keys of an integration, integration response or authorizer object the
	 * same way.
	 */
	static void checkKeys(ConfigNode node, Where where, java.util.function.BiConsumer<Extension, ConfigNode> byValue) {
		node.entries().forEach((key, child) -> checkOne(find(key, where), child, where, byValue));
	}

	private static void checkOne(Optional<Extension> known, ConfigNode node, Where where,
			java.util.function.BiConsumer<Extension, ConfigNode> byValue) {
		if (known.isEmpty()) {
			node.warn(
					"is not "
							+ ((where.ordinal() <= Where.SECURITY_SCHEME.ordinal()) ? "an x-amazon-apigateway extension"
									: "an " + where.label() + " setting")
							+ " Turnpike knows (" + where.label() + "); ignored");
			return;
		}
		Extension extension = known.get();
		switch (extension.handling()) {
			case READ -> {
			}
			case IGNORED -> node.warn("is not supported; ignored: " + extension.note());
			case REFUSED -> node.error("is not supported and ignoring it would weaken security: " + extension.note());
			case DEPENDS -> byValue.accept(extension, node);
		}
	}

	/**
	 * For {@link Handling#DEPENDS} keys whose value needs what is not supported and must
	 * not be skipped.
	 */
	static void refuse(ConfigNode node, String what, String why) {
		node.error(what + " is not supported; refused: " + why);
	}

	/** For {@link Handling#DEPENDS} keys whose value asks for what is not acted on. */
	static void ignore(ConfigNode node, String what, String consequence) {
		node.warn(what + " is not supported; ignored: " + consequence);
	}

}
