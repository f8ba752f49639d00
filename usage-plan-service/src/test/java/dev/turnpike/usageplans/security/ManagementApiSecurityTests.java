package dev.turnpike.usageplans.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;

import dev.turnpike.test.redis.RealRedis;
import dev.turnpike.test.redis.RedisExtension;
import dev.turnpike.usageplans.support.RunningUsagePlanService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every management call is authenticated: SigV4 by the admin key pair (verified:
 * canonical request, signed headers, payload hash, clock skew) or an OIDC bearer token
 * with the admin role; viewers may only read. Every refusal is a 403 in AWS's error
 * shape, and changes nothing.
 */
class ManagementApiSecurityTests {

	static RealRedis redis;

	static MockOAuth2Server oidc;

	static RunningUsagePlanService service;

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@BeforeAll
	static void start() {
		redis = RedisExtension.shared();
		oidc = new MockOAuth2Server();
		oidc.start();
		service = RunningUsagePlanService.start(redis,
				"spring.security.oauth2.resourceserver.jwt.issuer-uri=" + oidc.issuerUrl("turnpike"));
	}

	@AfterAll
	static void stop() {
		service.close();
		oidc.shutdown();
	}

	@BeforeEach
	void empty() {
		redis.flushAll();
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder signed(String method, String path, String body, String secret, Clock clock) {
		SdkHttpRequest request = SdkHttpRequest.builder()
			.uri(URI.create(service.baseUrl() + path))
			.method(SdkHttpMethod.fromValue(method))
			.putHeader("Content-Type", "application/json")
			.build();
		SignedRequest signed = AwsV4HttpSigner.create()
			.sign(r -> r.identity(AwsCredentialsIdentity.create(RunningUsagePlanService.ACCESS_KEY_ID, secret))
				.request(request)
				.payload(ContentStreamProvider.fromUtf8String(body))
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "apigateway")
				.putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
				.putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
			.method(method, HttpRequest.BodyPublishers.ofString(body));
		signed.request().headers().forEach((name, values) -> {
			if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
				values.forEach(value -> builder.header(name, value));
			}
		});
		return builder;
	}

	private static long keyCount() {
		return Long.parseLong(redis.command("ZCARD", "turnpike:{index}:apikeys").substring(1));
	}

	@Test
	void unsignedRequestIsRefusedWithMissingAuthenticationToken() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/apikeys"))
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))
			.header("Content-Type", "application/json"));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
		assertThat(response.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
		assertThat(keyCount()).isZero();
	}

	@Test
	void correctlySignedRawRequestIsAccepted() throws Exception {
		HttpResponse<String> response = send(signed("POST", "/apikeys?x=1", "{\"name\":\"signed\"}",
				RunningUsagePlanService.SECRET_ACCESS_KEY, Clock.systemUTC()));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(keyCount()).isEqualTo(1);
	}

	@Test
	void wrongSecretTamperedBodyOrQueryOrStaleClockAreRefused() throws Exception {
		HttpResponse<String> wrongSecret = send(
				signed("POST", "/apikeys", "{\"name\":\"x\"}", "not-the-secret", Clock.systemUTC()));
		assertThat(wrongSecret.statusCode()).isEqualTo(403);
		assertThat(wrongSecret.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidSignatureException");
		assertThat(wrongSecret.body()).contains("The request signature we calculated does not match");

		HttpRequest.Builder tampered = signed("POST", "/apikeys", "{\"name\":\"x\"}",
				RunningUsagePlanService.SECRET_ACCESS_KEY, Clock.systemUTC());
		HttpResponse<String> tamperedBody = send(
				tampered.method("POST", HttpRequest.BodyPublishers.ofString("{\"name\":\"evil\"}")));
		assertThat(tamperedBody.statusCode()).isEqualTo(403);

		HttpRequest signedList = signed("GET", "/apikeys?limit=1", "", RunningUsagePlanService.SECRET_ACCESS_KEY,
				Clock.systemUTC())
			.build();
		HttpRequest.Builder otherQuery = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/apikeys?limit=2"))
			.GET();
		signedList.headers().map().forEach((name, values) -> values.forEach(value -> otherQuery.header(name, value)));
		assertThat(send(otherQuery).statusCode()).isEqualTo(403);

		HttpResponse<String> stale = send(signed("POST", "/apikeys", "{\"name\":\"x\"}",
				RunningUsagePlanService.SECRET_ACCESS_KEY, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10))));
		assertThat(stale.statusCode()).isEqualTo(403);
		assertThat(stale.body()).contains("Signature expired");

		assertThat(keyCount()).isZero();
	}

	@Test
	void unknownAccessKeyIsRefusedBySdk() {
		try (ApiGatewayClient stranger = service.sdk("AKIDSTRANGER", "whatever")) {
			assertThatExceptionOfType(ApiGatewayException.class).isThrownBy(() -> stranger.getApiKeys(b -> b.limit(1)))
				.satisfies(ex -> {
					assertThat(ex.statusCode()).isEqualTo(403);
					assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
				});
		}
	}

	@Test
	void oidcAdminTokenMayChangeViewerTokenMayOnlyRead() throws Exception {
		String admin = oidc.issueToken("turnpike", "alice", "turnpike", Map.of("roles", List.of("turnpike-admin")))
			.serialize();
		String viewer = oidc.issueToken("turnpike", "victor", "turnpike", Map.of("roles", "turnpike-viewer"))
			.serialize();
		String nobody = oidc.issueToken("turnpike", "nina", "turnpike", Map.of()).serialize();

		HttpResponse<String> created = send(
				bearer(admin).POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"from-oidc\"}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(send(bearer(viewer).GET()).statusCode()).isEqualTo(200);
		HttpResponse<String> viewerWrite = send(
				bearer(viewer).POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")));
		assertThat(viewerWrite.statusCode()).isEqualTo(403);
		assertThat(viewerWrite.headers().firstValue("x-amzn-ErrorType")).hasValue("AccessDeniedException");
		assertThat(send(bearer(nobody).GET()).statusCode()).isEqualTo(403);
		assertThat(send(bearer("not.a.token").GET()).statusCode()).isEqualTo(403);
		assertThat(keyCount()).isEqualTo(1);

		HttpResponse<String> audit = send(bearer(viewer).uri(URI.create(service.baseUrl() + "/audit")).GET());
		assertThat(audit.body()).contains("\"actor\":\"oidc:alice\"", "\"action\":\"CreateApiKey\"");
	}

	private static HttpRequest.Builder bearer(String token) {
		return HttpRequest.newBuilder(URI.create(service.baseUrl() + "/apikeys"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json");
	}

	@Test
	void healthIsOpenButNothingElseIs() throws Exception {
		assertThat(
				send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/health/readiness"))).statusCode())
			.isEqualTo(200);
		assertThat(send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/env"))).statusCode())
			.isEqualTo(403);
	}

}
