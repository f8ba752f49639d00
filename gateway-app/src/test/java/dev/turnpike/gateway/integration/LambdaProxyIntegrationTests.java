package dev.turnpike.gateway.integration;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
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

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.lambda.TestLambdaServer.Reply;
import dev.turnpike.test.lambda.TestLambdaServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lambda proxy integration against a real Lambda-compatible endpoint: the events
 * (checked with AWS's own serializers into {@code APIGatewayProxyRequestEvent} and
 * {@code APIGatewayV2HTTPEvent}), AWS's decision table for what the function returns,
 * binary bodies, function errors and timeouts.
 */
class LambdaProxyIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String API = """
			openapi: 3.0.1
			info: {title: Proxy, version: "1"}
			x-amazon-apigateway-binary-media-types: [image/png]
			paths:
			  /items/{itemId}:
			    post:
			      security: [{tokenAuth: []}]
			      x-amazon-apigateway-integration:
			        type: aws_proxy
			        httpMethod: POST
			        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations
			  /reply:
			    get:
			      x-amazon-apigateway-integration:
			        type: aws_proxy
			        httpMethod: POST
			        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/replier/invocations
			  /slow:
			    get:
			      x-amazon-apigateway-integration:
			        type: aws_proxy
			        httpMethod: POST
			        timeoutInMillis: 300
			        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/sleeper/invocations
			  /v2/{proxy+}:
			    x-amazon-apigateway-any-method:
			      x-amazon-apigateway-integration:
			        type: aws_proxy
			        httpMethod: POST
			        payloadFormatVersion: "2.0"
			        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/replier/invocations
			components:
			  securitySchemes:
			    tokenAuth:
			      type: apiKey
			      name: Authorization
			      in: header
			      x-amazon-apigateway-authtype: custom
			      x-amazon-apigateway-authorizer:
			        type: token
			        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/auth/invocations
			""";

	@TempDir
	static Path configDir;

	static TestLambdaServer lambda;

	static RunningGateway gateway;

	@BeforeAll
	static void start() {
		lambda = TestLambdaServer.start();
		lambda.function("items", event -> Reply.json("""
				{"statusCode": 201, "headers": {"X-Item": "made"}, "body": "{\\"ok\\":true}"}"""))
			.function("auth", event -> Reply
				.json("{\"principalId\":\"alice\",\"policyDocument\":{\"Version\":\"2012-10-17\","
						+ "\"Statement\":[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":\"*\"}]},"
						+ "\"context\":{\"tier\":\"gold\"}}"))
			.function("replier", LambdaProxyIntegrationTests::replyFromQuery)
			.function("sleeper", event -> Reply.json("{\"statusCode\":200}").delayedBy(Duration.ofSeconds(2)));
		TestConfigRepo.in(configDir)
			.api("proxy", API)
			.stage("proxy", "prod", Map.of("fn", "items", "color", "blue"))
			.stage("proxy", "broken", Map.of("fn", "nobody"));
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

	/**
	 * The function answers whatever the request's {@code reply} query parameter holds
	 * (base64url), or an error.
	 */
	static Reply replyFromQuery(byte[] event) {
		JsonNode root = JSON.readTree(event);
		JsonNode query = root.get("queryStringParameters");
		String reply = (query != null && query.has("reply")) ? query.get("reply").asString() : null;
		if (reply == null) {
			return Reply.json("{\"statusCode\":200,\"body\":\"no reply asked\"}");
		}
		String decoded = new String(Base64.getUrlDecoder().decode(reply.split(",")[0]), StandardCharsets.UTF_8);
		return decoded.equals("ERROR") ? Reply.error("something broke") : Reply.json(decoded);
	}

	private static String encode(String reply) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(reply.getBytes(StandardCharsets.UTF_8));
	}

	private static WebTestClient.ResponseSpec reply(String functionOutput) {
		return gateway.api("proxy").get().uri("/prod/reply?reply=" + encode(functionOutput)).exchange();
	}

	@Test
	void restEventHasEveryDocumentedFieldAndDeserializesIntoTheOfficialClass() {
		gateway.api("proxy")
			.post()
			.uri("/prod/items/{id}?tag=x&tag=y&single=1", "a b")
			.header("Authorization", "Bearer token")
			.header("X-Multi", "one", "two")
			.header("User-Agent", "test-agent/1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"widget\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals("X-Item", "made")
			.expectHeader()
			.valueEquals("Content-Type", "application/json")
			.expectBody()
			.json("{\"ok\":true}", true);

		PojoSerializer<APIGatewayProxyRequestEvent> serializer = LambdaEventSerializers
			.serializerFor(APIGatewayProxyRequestEvent.class, getClass().getClassLoader());
		APIGatewayProxyRequestEvent event = serializer
			.fromJson(new ByteArrayInputStream(lambda.invocations("items").get(0)));
		assertThat(event.getResource()).isEqualTo("/items/{itemId}");
		assertThat(event.getPath()).isEqualTo("/items/a%20b");
		assertThat(event.getHttpMethod()).isEqualTo("POST");
		assertThat(event.getHeaders()).containsEntry("X-Multi", "two")
			.containsEntry("User-Agent", "test-agent/1")
			.doesNotContainKey("Content-Length");
		assertThat(event.getMultiValueHeaders().get("X-Multi")).containsExactly("one", "two");
		assertThat(event.getQueryStringParameters()).containsEntry("tag", "y").containsEntry("single", "1");
		assertThat(event.getMultiValueQueryStringParameters().get("tag")).containsExactly("x", "y");
		assertThat(event.getPathParameters()).containsEntry("itemId", "a%20b");
		assertThat(event.getStageVariables()).containsEntry("color", "blue");
		assertThat(event.getBody()).isEqualTo("{\"name\":\"widget\"}");
		assertThat(event.getIsBase64Encoded()).isFalse();
		APIGatewayProxyRequestEvent.ProxyRequestContext context = event.getRequestContext();
		assertThat(context.getAccountId()).isEqualTo("123456789012");
		assertThat(context.getApiId()).isEqualTo("proxy");
		assertThat(context.getStage()).isEqualTo("prod");
		assertThat(context.getPath()).isEqualTo("/prod/items/a%20b");
		assertThat(context.getResourcePath()).isEqualTo("/items/{itemId}");
		assertThat(context.getResourceId()).hasSize(6);
		assertThat(context.getHttpMethod()).isEqualTo("POST");
		assertThat(context.getProtocol()).isEqualTo("HTTP/1.1");
		assertThat(context.getRequestId()).hasSize(36);
		assertThat(context.getExtendedRequestId()).isNotBlank();
		assertThat(context.getRequestTimeEpoch()).isPositive();
		assertThat(context.getDomainName()).isEqualTo("proxy.execute-api.turnpike.test");
		assertThat(context.getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
		assertThat(context.getIdentity().getUserAgent()).isEqualTo("test-agent/1");
		assertThat(context.getAuthorizer()).containsEntry("principalId", "alice").containsEntry("tier", "gold");
	}

	@Test
	void functionsAndAuthorizersReceiveTheClientsTrace() {
		// a token no other test uses, so the authorizer is called rather than answered
		// from its cache
		gateway.api("proxy")
			.post()
			.uri("/prod/items/1")
			.header("Authorization", "Bearer traced")
			.header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
			.exchange()
			.expectStatus()
			.isCreated();
		assertThat(lambda.lastHeaders("auth").get("traceparent")).startsWith("00-0af7651916cd43dd8448eb211c80319c-");
		assertThat(lambda.lastHeaders("items").get("traceparent")).startsWith("00-0af7651916cd43dd8448eb211c80319c-");
	}

	@Test
	void httpApiEventHasEveryDocumentedFieldAndDeserializesIntoTheOfficialClass() {
		gateway.api("proxy")
			.put()
			.uri("/prod/v2/a/b?x=1&x=2")
			.header("Cookie", "c1=v1; c2=v2")
			.header("X-Dup", "one", "two")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("hello")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("no reply asked");

		PojoSerializer<APIGatewayV2HTTPEvent> serializer = LambdaEventSerializers
			.serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader());
		APIGatewayV2HTTPEvent event = serializer
			.fromJson(new ByteArrayInputStream(lambda.invocations("replier").get(0)));
		assertThat(event.getVersion()).isEqualTo("2.0");
		assertThat(event.getRouteKey()).isEqualTo("PUT /v2/{proxy+}");
		assertThat(event.getRawPath()).isEqualTo("/prod/v2/a/b");
		assertThat(event.getRawQueryString()).isEqualTo("x=1&x=2");
		assertThat(event.getCookies()).containsExactly("c1=v1", "c2=v2");
		assertThat(event.getHeaders()).containsEntry("x-dup", "one,two").doesNotContainKey("cookie");
		assertThat(event.getQueryStringParameters()).containsEntry("x", "1,2");
		assertThat(event.getPathParameters()).containsEntry("proxy", "a/b");
		assertThat(event.getBody()).isEqualTo("hello");
		assertThat(event.getIsBase64Encoded()).isFalse();
		APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
		assertThat(context.getHttp().getMethod()).isEqualTo("PUT");
		assertThat(context.getHttp().getPath()).isEqualTo("/prod/v2/a/b");
		assertThat(context.getHttp().getSourceIp()).isEqualTo("127.0.0.1");
		assertThat(context.getStage()).isEqualTo("prod");
		assertThat(context.getRouteKey()).isEqualTo("PUT /v2/{proxy+}");
		assertThat(context.getTimeEpoch()).isPositive();
		assertThat(context.getApiId()).isEqualTo("proxy");
		assertThat(context.getAccountId()).isEqualTo("123456789012");
	}

	@Test
	void payloadV2OutputWithoutStatusCodeBecomesAJsonResponse() {
		gateway.api("proxy")
			.get()
			.uri("/prod/v2/x?reply=" + encode("{\"message\":\"hi\"}"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Content-Type", "application/json")
			.expectBody(String.class)
			.isEqualTo("{\"message\":\"hi\"}");
		gateway.api("proxy")
			.get()
			.uri("/prod/v2/x?reply=" + encode("{\"statusCode\":202,\"cookies\":[\"a=1\",\"b=2\"],\"body\":\"ok\"}"))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectHeader()
			.values("Set-Cookie", cookies -> assertThat(cookies).containsExactly("a=1", "b=2"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			unknown top-level key              | {"statusCode":200,"wrongValue":"value"}
			multiValueHeaders value not a list | {"statusCode":200,"multiValueHeaders":{"test-multi-invalid":"value1"}}
			statusCode not a number            | {"statusCode":"test"}
			a JSON string                      | "justAString"
			not JSON                           | this is not json
			body not a string                  | {"statusCode":200,"body":{"a":1}}
			function error                     | ERROR
			""")
	void malformedOutputIs502InternalServerError(String name, String output) {
		reply(output).expectStatus()
			.isEqualTo(502)
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "InternalServerErrorException")
			.expectBody()
			.json("{\"message\":\"Internal server error\"}", true);
	}

	@Test
	void lenientOutputsSucceedAsOnAws() {
		reply("{\"statusCode\":200}").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Content-Type", "application/json")
			.expectBody()
			.isEmpty();
		reply("{\"statusCode\":200,\"headers\":{\"test-header\":\"value\",\"header-bool\":true}}").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("header-bool", "true");
		reply("{\"statusCode\":200,\"headers\":null}").expectStatus().isOk();
		reply("{\"statusCode\":\"201\"}").expectStatus().isCreated();
		reply("{\"headers\":{\"test-header\":\"value\"}}").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("test-header", "value");
		reply("{\"statusCode\":200,\"multiValueHeaders\":{\"test-multi\":[\"value1\",\"value2\"]}}").expectHeader()
			.valueEquals("test-multi", "value1, value2");
		EntityExchangeResult<byte[]> merged = reply(
				"{\"statusCode\":200,\"multiValueHeaders\":{\"tesT-Multi\":[\"value-multi\"]},"
						+ "\"headers\":{\"test-multi\":\"value-solo\"}}")
			.expectBody()
			.returnResult();
		assertThat(merged.getResponseHeaders().getFirst("test-multi")).isEqualTo("value-multi, value-solo");
	}

	@Test
	void base64BodiesAreDecodedOnlyForBinaryAccept() {
		String output = "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"image/png\"},\"body\":\"dGVzdC1kYXRh\",\"isBase64Encoded\":true}";
		reply(output).expectBody(String.class).isEqualTo("dGVzdC1kYXRh");
		gateway.api("proxy")
			.get()
			.uri("/prod/reply?reply=" + encode(output))
			.accept(MediaType.IMAGE_PNG)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("test-data");
	}

	@Test
	void binaryRequestBodiesTravelBase64Encoded() {
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 0, 1, 2 };
		gateway.api("proxy")
			.post()
			.uri("/prod/items/1")
			.header("Authorization", "Bearer t")
			.contentType(MediaType.IMAGE_PNG)
			.bodyValue(png)
			.exchange()
			.expectStatus()
			.isCreated();
		JsonNode event = JSON.readTree(lambda.lastEvent("items"));
		assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
		assertThat(Base64.getDecoder().decode(event.get("body").asString())).isEqualTo(png);
	}

	@Test
	void functionRunningPastTheIntegrationTimeoutIs504() {
		gateway.api("proxy")
			.get()
			.uri("/prod/slow")
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectBody()
			.json("{\"message\":\"Endpoint request timed out\"}", true);
	}

	@Test
	void functionTheEndpointDoesNotHaveIs502() {
		gateway.api("proxy")
			.post()
			.uri("/broken/items/1")
			.header("Authorization", "Bearer t")
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody()
			.json("{\"message\":\"Internal server error\"}", true);
		assertThat(lambda.invocationCount("items")).isZero();
	}

}
