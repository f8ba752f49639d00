package dev.turnpike.gateway.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.turnpike.gateway.support.TestConfigRepo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing AWS defines is skipped in silence: every {@code x-amazon-apigateway-*}
 * extension or key that Turnpike does not act on is a load warning naming its file and
 * field, and one whose omission would weaken security (authorization, policies, network
 * isolation) fails the load. {@code validate} prints one line per key, and the config
 * repo README's extension table is the same list as the code's.
 */
class UnsupportedSettingsTests {

	private static final String LAMBDA = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
			+ "arn:aws:lambda:us-east-1:123456789012:function:auth/invocations";

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int validate(Path dir) {
		return ValidateCommand.run(new String[] { dir.toString() },
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private List<String> lines(ByteArrayOutputStream stream, String prefix) {
		return stream.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith(prefix)).toList();
	}

	@Test
	void validateWhenKeysAreNotActedOnThenOneWarningLinePerKeyAndTheConfigStillLoads(@TempDir Path dir) {
		TestConfigRepo.in(dir)
			.api("items",
					"""
							openapi: 3.0.1
							info: {title: Items, version: "1"}
							security: [{key: []}]
							x-amazon-apigateway-cors: {allowOrigins: ["*"]}
							x-amazon-apigateway-minimum-compression-size: 1024
							x-amazon-apigateway-documentation: {version: "1"}
							x-amazon-apigateway-tag-value: team-a
							x-amazon-apigateway-endpoint-configuration: {types: [REGIONAL]}
							x-amazon-apigateway-made-up: true
							paths:
							  /items:
							    x-amazon-apigateway-path-thing: 1
							    get:
							      x-amazon-apigateway-auth: {type: NONE}
							      x-amazon-apigateway-operation-thing: 1
							      x-amazon-apigateway-integration:
							        type: http
							        httpMethod: GET
							        uri: http://backend.test/items
							        connectionType: VPC_LINK
							        connectionId: abc123
							        credentials: arn:aws:iam::123456789012:role/apigw
							        tlsConfig: {insecureSkipVerification: true}
							        contentHandling: CONVERT_TO_TEXT
							        integrationSubtype: SQS-SendMessage
							        madeUpKey: 1
							        responses:
							          default: {statusCode: 200, contentHandling: CONVERT_TO_BINARY}
							  /plain:
							    get:
							      x-amazon-apigateway-integration: {type: http, httpMethod: GET, uri: http://backend.test/plain, connectionType: INTERNET}
							components:
							  securitySchemes:
							    key: {type: apiKey, name: x-api-key, in: header}
							    auth:
							      type: apiKey
							      name: Authorization
							      in: header
							      x-amazon-apigateway-authtype: custom
							      x-amazon-apigateway-authorizer:
							        type: token
							        authorizerUri: %s
							        authorizerCredentials: arn:aws:iam::123456789012:role/invoker
							        authorizerPayloadFormatVersion: "1.0"
							        enableSimpleResponses: false
							"""
						.formatted(LAMBDA))
			.stage("items", "prod", Map.of());

		int exit = validate(dir);

		assertThat(exit).isZero();
		String file = "warning: " + dir + "/apis/items/openapi.yaml: ";
		assertThat(lines(this.out, "warning: ")).containsExactlyInAnyOrder(
				file + "security: root-level security is ignored, as AWS ignores it: methods are protected only by the"
						+ " security of their own operation",
				file + "x-amazon-apigateway-cors: is an HTTP API setting; not applied to a REST API (Turnpike reads the"
						+ " same block as x-turnpike-cors)",
				file + "x-amazon-apigateway-minimum-compression-size: is not supported; ignored: responses are not compressed",
				file + "x-amazon-apigateway-documentation: is not supported; ignored: documentation parts",
				file + "x-amazon-apigateway-tag-value: is not supported; ignored: tags",
				file + "x-amazon-apigateway-endpoint-configuration: endpoint types is not supported; ignored: every API is"
						+ " served on every address of the gateway",
				file + "x-amazon-apigateway-made-up: is not an x-amazon-apigateway extension Turnpike knows (root); ignored",
				file + "paths./items.x-amazon-apigateway-path-thing: is not an x-amazon-apigateway extension Turnpike knows"
						+ " (path item); ignored",
				file + "paths./items.get.x-amazon-apigateway-operation-thing: is not an x-amazon-apigateway extension"
						+ " Turnpike knows (operation); ignored",
				file + "paths./items.get.x-amazon-apigateway-integration.connectionType: 'VPC_LINK' is not supported;"
						+ " ignored: the uri is called directly",
				file + "paths./items.get.x-amazon-apigateway-integration.connectionId: is not supported; ignored: the uri is"
						+ " called directly",
				file + "paths./items.get.x-amazon-apigateway-integration.credentials: 'arn:aws:iam::123456789012:role/apigw'"
						+ " is not supported; ignored: the gateway's own credentials are used",
				file + "paths./items.get.x-amazon-apigateway-integration.tlsConfig: is not supported; ignored: backend"
						+ " certificates are always verified against the uri's host",
				file + "paths./items.get.x-amazon-apigateway-integration.contentHandling: is not supported; ignored:"
						+ " CONVERT_TO_TEXT / CONVERT_TO_BINARY are not applied; bodies pass through",
				file + "paths./items.get.x-amazon-apigateway-integration.integrationSubtype: is not supported; ignored: AWS"
						+ " service integrations other than Lambda are refused by their uri",
				file + "paths./items.get.x-amazon-apigateway-integration.madeUpKey: is not an integration setting Turnpike"
						+ " knows (integration); ignored",
				file + "paths./items.get.x-amazon-apigateway-integration.responses.default.contentHandling: is not"
						+ " supported; ignored: not applied; bodies pass through",
				file + "securitySchemes.auth.x-amazon-apigateway-authorizer.authorizerCredentials: is not supported;"
						+ " ignored: the function is invoked with the gateway's credentials");
	}

	@Test
	void validateWhenIgnoringAKeyWouldWeakenSecurityThenOneErrorLinePerKeyAndTheLoadFails(@TempDir Path dir) {
		TestConfigRepo.in(dir).api("items", """
				openapi: 3.0.1
				info: {title: Items, version: "1"}
				x-amazon-apigateway-endpoint-configuration: {types: [PRIVATE], vpcEndpointIds: [vpce-1]}
				x-amazon-apigateway-policy:
				  Version: "2012-10-17"
				  Statement:
				    - Effect: Allow
				      Principal: {AWS: "arn:aws:iam::111122223333:user/alice"}
				      Action: execute-api:Invoke
				      Resource: execute-api:/*
				paths:
				  /iam:
				    get:
				      x-amazon-apigateway-auth: {type: AWS_IAM}
				      x-amazon-apigateway-integration: {type: mock}
				  /sigv4:
				    get:
				      security: [{sigv4: []}]
				      x-amazon-apigateway-integration: {type: mock}
				  /bearer:
				    get:
				      security: [{bearer: []}]
				      x-amazon-apigateway-integration: {type: mock}
				  /caller:
				    get:
				      x-amazon-apigateway-integration:
				        type: http
				        httpMethod: GET
				        uri: http://backend.test/caller
				        credentials: "arn:aws:iam::*:user/*"
				components:
				  securitySchemes:
				    sigv4: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4}
				    bearer: {type: http, scheme: bearer}
				    simple:
				      type: apiKey
				      name: Authorization
				      in: header
				      x-amazon-apigateway-authorizer:
				        type: request
				        identitySource: method.request.header.Authorization
				        authorizerUri: %s
				        authorizerPayloadFormatVersion: "2.0"
				        enableSimpleResponses: true
				""".formatted(LAMBDA)).stage("items", "prod", Map.of());

		int exit = validate(dir);

		assertThat(exit).isEqualTo(1);
		String file = "error: " + dir + "/apis/items/openapi.yaml: ";
		assertThat(lines(this.err, "error: ")).containsExactlyInAnyOrder(
				file + "x-amazon-apigateway-endpoint-configuration: disableExecuteApiEndpoint or vpcEndpointIds is not"
						+ " supported; refused: the API would be served where AWS would not serve it",
				file + "x-amazon-apigateway-policy: Statement[0].Principal names {AWS=arn:aws:iam::111122223333:user/alice};"
						+ " only \"*\" (everyone) is supported until callers have IAM identities, and a named principal must"
						+ " not be read as everyone",
				file + "paths./iam.get.x-amazon-apigateway-auth: type AWS_IAM is not supported; refused: without IAM"
						+ " authorization the method would be served open",
				file + "paths./sigv4.get.security[0].sigv4: security scheme 'sigv4' is AWS_IAM"
						+ " (x-amazon-apigateway-authtype: awsSigv4), which is not supported yet; refused rather than served"
						+ " without it",
				file + "paths./bearer.get.security[0].bearer: security scheme 'bearer' is neither the x-api-key API key nor"
						+ " an x-amazon-apigateway-authorizer, so nothing would enforce it; refused rather than served open",
				file + "paths./caller.get.x-amazon-apigateway-integration.credentials: 'arn:aws:iam::*:user/*' is not"
						+ " supported; refused: the backend would be called with the gateway's identity instead of the"
						+ " caller's",
				file + "securitySchemes.simple.x-amazon-apigateway-authorizer.authorizerPayloadFormatVersion: '2.0' is not"
						+ " supported; refused: it is the HTTP API authorizer contract, and this document is a REST API",
				file + "securitySchemes.simple.x-amazon-apigateway-authorizer.enableSimpleResponses: 'true' is not"
						+ " supported; refused: it is the HTTP API authorizer contract, and this document is a REST API");
	}

	@Test
	void readmeExtensionTableListsExactlyWhatTheLoaderKnows() throws IOException {
		String readme = Files.readString(Path.of("..", "config-repo", "README.md"));
		Pattern row = Pattern.compile("^\\| `([^`]+)` \\| ([a-z ]+) \\| (read|ignored|refused|depends) \\|",
				Pattern.MULTILINE);
		Set<String> documented = new LinkedHashSet<>();
		Matcher matcher = row.matcher(readme);
		while (matcher.find()) {
			documented.add(matcher.group(1) + " | " + matcher.group(2) + " | " + matcher.group(3));
		}
		Set<String> known = new LinkedHashSet<>();
		AwsExtensions.ALL.forEach(e -> known.add(e.name() + " | " + e.where().label() + " | " + e.handling().word()));

		assertThat(documented).containsExactlyInAnyOrderElementsOf(known);
	}

}
