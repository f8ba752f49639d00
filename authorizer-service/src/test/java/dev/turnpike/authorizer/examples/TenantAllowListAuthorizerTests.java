package dev.turnpike.authorizer.examples;

import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.turnpike.authorizer.invoke.LambdaFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * The example handler run the way the Lambda Java runtime runs it: an API Gateway REQUEST
 * authorizer event (JSON, as AWS documents it) deserialized by AWS's event serializer,
 * the IAM policy response serialized by the runtime's.
 */
class TenantAllowListAuthorizerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String EVENT = """
			{
			  "type": "REQUEST",
			  "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/GET/request",
			  "resource": "/request",
			  "path": "/request",
			  "httpMethod": "GET",
			  "headers": {"X-Tenant": "%s", "Host": "abcdef123.execute-api.us-east-1.amazonaws.com"},
			  "queryStringParameters": {"QueryString1": "queryValue1"},
			  "pathParameters": {},
			  "stageVariables": {"StageVar1": "stageValue1"},
			  "requestContext": {
			    "path": "/request", "accountId": "123456789012", "resourceId": "05c7jb", "stage": "test",
			    "requestId": "...", "identity": {"apiKey": "...", "sourceIp": "..."},
			    "resourcePath": "/request", "httpMethod": "GET", "apiId": "abcdef123"
			  }
			}
			""";

	private final LambdaFunction function = LambdaFunction.of("tenants", new TenantAllowListAuthorizer("acme, globex"));

	private JsonNode invoke(String tenant) throws Exception {
		byte[] output = this.function.invoke(EVENT.formatted(tenant).getBytes(StandardCharsets.UTF_8),
				new QuietContext());
		return JSON.readTree(output);
	}

	@Test
	void listedTenantIsAllowedOnTheWholeStageWithTheTenantInTheContext() throws Exception {
		JsonNode response = invoke("acme");

		assertThat(response.get("principalId").asString()).isEqualTo("tenant:acme");
		JsonNode statement = response.get("policyDocument").get("Statement").get(0);
		assertThat(response.get("policyDocument").get("Version").asString()).isEqualTo("2012-10-17");
		assertThat(statement.get("Action").asString()).isEqualTo("execute-api:Invoke");
		assertThat(statement.get("Effect").asString()).isEqualTo("Allow");
		assertThat(statement.get("Resource").get(0).asString())
			.isEqualTo("arn:aws:execute-api:us-east-1:123456789012:abcdef123/test/*");
		assertThat(response.get("context").get("tenant").asString()).isEqualTo("acme");
	}

	@Test
	void otherTenantIsDeniedAndNoTenantIsUnauthorized() throws Exception {
		assertThat(invoke("initech").get("policyDocument").get("Statement").get(0).get("Effect").asString())
			.isEqualTo("Deny");
		assertThatRuntimeException().isThrownBy(() -> invoke("")).withMessage("Unauthorized");
	}

	/** A context for calling the handler outside any host. */
	static final class QuietContext implements Context {

		@Override
		public String getAwsRequestId() {
			return "test";
		}

		@Override
		public String getLogGroupName() {
			return null;
		}

		@Override
		public String getLogStreamName() {
			return null;
		}

		@Override
		public String getFunctionName() {
			return "tenants";
		}

		@Override
		public String getFunctionVersion() {
			return "$LATEST";
		}

		@Override
		public String getInvokedFunctionArn() {
			return null;
		}

		@Override
		public CognitoIdentity getIdentity() {
			return null;
		}

		@Override
		public ClientContext getClientContext() {
			return null;
		}

		@Override
		public int getRemainingTimeInMillis() {
			return 3000;
		}

		@Override
		public int getMemoryLimitInMB() {
			return 128;
		}

		@Override
		public LambdaLogger getLogger() {
			return new LambdaLogger() {

				@Override
				public void log(String message) {
				}

				@Override
				public void log(byte[] message) {
				}

			};
		}

	}

}
