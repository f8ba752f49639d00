package dev.turnpike.gateway.integration;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.turnpike.gateway.support.RawHttpConnection;
import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.lambda.TestLambdaServer;
import dev.turnpike.test.lambda.TestLambdaServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda proxy and authorizer events as AWS delivers them, from events AWS recorded
 * (LocalStack's AWS-validated snapshots of {@code test_lambda_aws_proxy_integration},
 * 2024; see docs/aws-fidelity.md): header names AWS rewrites, the keys
 * {@code requestContext} always has, and the slashes around the stage. Requests are sent
 * byte for byte over a raw socket, so header spelling and slashes arrive as written.
 */
class AwsEventFidelityTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String FN = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
			+ "arn:aws:lambda:us-east-1:123456789012:function:%s/invocations";

	private static final String API = """
			openapi: 3.0.1
			info: {title: fidelity, version: "1"}
			paths:
			  /{proxy+}:
			    x-amazon-apigateway-any-method:
			      parameters: [{name: proxy, in: path, required: true}]
			      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: "%1$s"}
			  /hardcoded:
			    get:
			      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: "%1$s"}
			  /templated:
			    get:
			      x-amazon-apigateway-integration:
			        type: aws
			        httpMethod: POST
			        uri: "%3$s"
			        requestTemplates:
			          application/json: '{"auth": "$input.params().header.get(''Authorization'')", "test": "$input.params().header.get(''tEsT-HEADeR'')"}'
			        responses: {default: {statusCode: "200"}}
			  /guarded:
			    get:
			      security: [{req: []}]
			      x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, uri: "%1$s"}
			components:
			  securitySchemes:
			    req:
			      type: apiKey
			      name: Authorization
			      in: header
			      x-amazon-apigateway-authtype: custom
			      x-amazon-apigateway-authorizer:
			        type: request
			        identitySource: method.request.header.Authorization
			        authorizerUri: "%2$s"
			        authorizerResultTtlInSeconds: 0
			"""
		.formatted(FN.formatted("echo"), FN.formatted("auth"), FN.formatted("template"));

	@TempDir
	static Path configDir;

	static TestLambdaServer lambda;

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		lambda = TestLambdaServer.start();
		lambda.function("echo", event -> Reply.json("{\"statusCode\":200,\"body\":\"ok\"}"))
			.function("template", event -> Reply.json("{}"))
			.function("auth",
					event -> Reply.json("{\"principalId\":\"p\",\"policyDocument\":{\"Version\":"
							+ "\"2012-10-17\",\"Statement\":[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\","
							+ "\"Resource\":\"*\"}]}}"));
		TestConfigRepo.in(configDir).api("fidelity", API).stage("fidelity", "stage", Map.of());
		gateway = RunningGateway.start(configDir, "turnpike.lambda.endpoint-url=" + lambda.endpoint(),
				"turnpike.aws.account-id=123456789012");
	}

	@AfterAll
	static void stop() {
		gateway.close();
		lambda.close();
	}

	@BeforeEach
	void reset() {
		lambda.reset();
	}

	private static RawHttpConnection.Response send(String target, String... headers) {
		StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\n")
			.append("Host: fidelity.execute-api.turnpike.test\r\n");
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		return RawHttpConnection.exchange(gateway.port(), request.append("Connection: close\r\n\r\n").toString());
	}

	private static JsonNode lastEvent(String function) {
		return JSON.readTree(lambda.invocations(function).get(lambda.invocationCount(function) - 1));
	}

	@Test
	void authorizationAndUserAgentArriveInAwsSpellingAndOtherNamesAsTheClientWroteThem() {
		RawHttpConnection.Response response = send("/stage/x", "aUThorization: token-1", "user-Agent: curl/8",
				"tEsT-HEADeR: v1");
		assertThat(response.status()).isEqualTo(200);

		APIGatewayProxyRequestEvent event = LambdaEventSerializers
			.serializerFor(APIGatewayProxyRequestEvent.class, getClass().getClassLoader())
			.fromJson(new ByteArrayInputStream(lambda.invocations("echo").get(0)));
		assertThat(event.getHeaders()).containsEntry("Authorization", "token-1")
			.containsEntry("User-Agent", "curl/8")
			.containsEntry("tEsT-HEADeR", "v1")
			.containsEntry("Host", "fidelity.execute-api.turnpike.test")
			.doesNotContainKeys("aUThorization", "user-Agent");
		assertThat(event.getMultiValueHeaders()).containsEntry("Authorization", List.of("token-1"))
			.containsEntry("tEsT-HEADeR", List.of("v1"));
	}

	@Test
	void mappingTemplatesSeeTheSameHeaderNames() {
		assertThat(send("/stage/templated", "authorization: token-3", "tEsT-HEADeR: v3").status()).isEqualTo(200);
		JsonNode rendered = lastEvent("template");
		assertThat(rendered.get("auth").asString()).isEqualTo("token-3");
		assertThat(rendered.get("test").asString()).isEqualTo("v3");
	}

	@Test
	void aRequestAuthorizerGetsTheSameHeaderNames() {
		assertThat(send("/stage/guarded", "authorization: token-2", "x-Custom: c").status()).isEqualTo(200);
		JsonNode asked = lastEvent("auth");
		assertThat(asked.get("headers").has("Authorization")).isTrue();
		assertThat(asked.get("headers").has("authorization")).isFalse();
		assertThat(asked.get("headers").get("x-Custom").asString()).isEqualTo("c");
		assertThat(asked.get("multiValueHeaders").has("Authorization")).isTrue();
	}

	@Test
	void requestContextHasEveryKeyAwsSendsAndNoAuthorizerWithoutOne() {
		send("/stage/x");
		JsonNode context = lastEvent("echo").get("requestContext");

		assertThat(names(context)).isEqualTo(Set.of("accountId", "apiId", "deploymentId", "domainName", "domainPrefix",
				"extendedRequestId", "httpMethod", "identity", "path", "protocol", "requestId", "requestTime",
				"requestTimeEpoch", "resourceId", "resourcePath", "stage"));
		assertThat(names(context.get("identity"))).isEqualTo(Set.of("accessKey", "accountId", "caller",
				"cognitoAuthenticationProvider", "cognitoAuthenticationType", "cognitoIdentityId",
				"cognitoIdentityPoolId", "principalOrgId", "sourceIp", "user", "userAgent", "userArn"));
		assertThat(context.get("deploymentId").asString()).matches("[a-z0-9]{10}");

		send("/stage/y");
		assertThat(lastEvent("echo").get("requestContext").get("deploymentId").asString())
			.as("one deployment id per load of the config")
			.isEqualTo(context.get("deploymentId").asString());
	}

	private static Set<String> names(JsonNode node) {
		return Set.copyOf(node.propertyNames());
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "null", value = {
			"//stage/proxy-value                | /proxy-value                | /stage/proxy-value                | /{proxy+}  | proxy-value",
			"/stage//proxy-value                | /proxy-value                | /stage//proxy-value               | /{proxy+}  | proxy-value",
			"/stage/proxy-value//double-slash   | /proxy-value//double-slash  | /stage/proxy-value//double-slash  | /{proxy+}  | proxy-value//double-slash",
			"/stage//hardcoded                  | /hardcoded                  | /stage//hardcoded                 | /hardcoded | null" })
	void slashesBeforeAndRightAfterTheStageAreOneAndFurtherOnTheyStay(String target, String path, String contextPath,
			String resource, String proxy) {
		assertThat(send(target).status()).isEqualTo(200);

		JsonNode event = lastEvent("echo");
		assertThat(event.get("path").asString()).isEqualTo(path);
		assertThat(event.get("requestContext").get("path").asString()).isEqualTo(contextPath);
		assertThat(event.get("resource").asString()).isEqualTo(resource);
		if (proxy == null) {
			assertThat(event.get("pathParameters").isNull()).isTrue();
		}
		else {
			assertThat(event.get("pathParameters").get("proxy").asString()).isEqualTo(proxy);
		}
	}

}
