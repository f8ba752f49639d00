package dev.turnpike.gateway.authorizer;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.web.reactive.server.WebTestClient;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.test.backend.TestBackend;
import dev.turnpike.test.lambda.TestLambdaServer.Reply;
import dev.turnpike.test.lambda.TestLambdaServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resource policies ({@code x-amazon-apigateway-policy}) over real HTTP: source-IP allow
 * and deny lists (IPv4 and IPv6, {@code IpAddress} and {@code NotIpAddress}), explicit
 * deny winning, AWS's two 403 messages, the combination with a Lambda authorizer (an
 * explicit deny refuses before the function is called), and which client address counts:
 * the TCP peer, or the right-most untrusted {@code X-Forwarded-For} hop behind a trusted
 * proxy.
 */
class ResourcePolicyTests {

	private static final String API = """
			openapi: 3.0.1
			info: {title: Fenced, version: "1"}
			x-amazon-apigateway-policy:
			  Version: "2012-10-17"
			  Statement:
			    - Effect: Allow
			      Principal: "*"
			      Action: execute-api:Invoke
			      Resource: ["execute-api:/*/GET/public", "execute-api:/*/GET/guarded"]
			      Condition: {IpAddress: {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}
			    - Effect: Allow
			      Principal: "*"
			      Action: execute-api:Invoke
			      Resource: execute-api:/*/GET/internal
			    - Effect: Deny
			      Principal: "*"
			      Action: execute-api:Invoke
			      Resource: execute-api:/*/GET/internal
			      Condition: {NotIpAddress: {"aws:SourceIp": "10.0.0.0/8"}}
			    - Effect: Deny
			      Principal: "*"
			      Action: execute-api:Invoke
			      Resource: execute-api:/*
			      Condition: {IpAddress: {"aws:SourceIp": "203.0.113.66/32"}}
			paths:
			  /public:
			    get:
			      x-amazon-apigateway-integration:
			        type: http_proxy
			        httpMethod: GET
			        uri: "${stageVariables.backend}/public"
			        requestParameters:
			          integration.request.header.X-Source-Ip: context.identity.sourceIp
			  /internal:
			    get:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/internal"}
			  /guarded:
			    get:
			      security: [{tokenAuth: []}]
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "${stageVariables.backend}/guarded"}
			components:
			  securitySchemes:
			    tokenAuth:
			      type: apiKey
			      name: Authorization
			      in: header
			      x-amazon-apigateway-authtype: custom
			      x-amazon-apigateway-authorizer:
			        type: token
			        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/fence-authorizer/invocations
			        authorizerResultTtlInSeconds: 0
			""";

	private static final String ARN = "arn:aws:execute-api:us-east-1:000000000000:fenced/prod/GET/";

	@TempDir
	static Path configDir;

	static TestBackend backend;

	static TestLambdaServer lambda;

	/** Behind a proxy at 127.0.0.1 (and a private hop in 192.168.0.0/16). */
	static RunningGateway behindProxy;

	/** Facing clients directly: X-Forwarded-For is never believed. */
	static RunningGateway direct;

	@BeforeAll
	static void start() {
		backend = TestBackend.start();
		lambda = TestLambdaServer.start();
		lambda.function("fence-authorizer", event -> {
			String who = LambdaAuthorizerTests.field(event, "authorizationToken");
			String effect = who.equals("deny") ? "Deny" : "Allow";
			return Reply.json(LambdaAuthorizerTests.policy(who, effect, "*", "{}"));
		});
		TestConfigRepo.in(configDir).api("fenced", API).stage("fenced", "prod", Map.of("backend", backend.baseUrl()));
		behindProxy = RunningGateway.start(configDir, "turnpike.lambda.endpoint-url=" + lambda.endpoint(),
				"turnpike.trusted-proxies=127.0.0.1/32,192.168.0.0/16");
		direct = RunningGateway.start(configDir, "turnpike.lambda.endpoint-url=" + lambda.endpoint());
	}

	@AfterAll
	static void stop() {
		behindProxy.close();
		direct.close();
		lambda.close();
		backend.close();
	}

	@BeforeEach
	void reset() {
		backend.reset();
		lambda.reset();
	}

	private static WebTestClient.ResponseSpec get(RunningGateway gateway, String path, String forwardedFor,
			String authorization) {
		WebTestClient.RequestHeadersSpec<?> request = gateway.api("fenced").get().uri(path);
		if (forwardedFor != null) {
			request = request.header("X-Forwarded-For", forwardedFor);
		}
		if (authorization != null) {
			request = request.header("Authorization", authorization);
		}
		return request.exchange();
	}

	private static void expectDenied(RunningGateway gateway, String path, String forwardedFor, String authorization,
			String message) {
		get(gateway, path, forwardedFor, authorization).expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals("x-amzn-ErrorType", "AccessDeniedException")
			.expectBody()
			.json("{\"message\":\"" + message + "\"}", true);
	}

	private static String implicitDeny(String resource) {
		return "User: anonymous is not authorized to perform: execute-api:Invoke on resource: " + ARN + resource;
	}

	private static String explicitDeny(String resource) {
		return implicitDeny(resource) + " with an explicit deny";
	}

	@Test
	void allowListAdmitsOnlyItsNetworksInIpv4AndIpv6() {
		get(behindProxy, "/prod/public", "203.0.113.5", null).expectStatus().isOk();
		assertThat(backend.lastRequest().header("X-Source-Ip")).isEqualTo("203.0.113.5");
		get(behindProxy, "/prod/public", "2001:db8::1", null).expectStatus().isOk();
		assertThat(backend.lastRequest().header("X-Source-Ip")).isEqualTo("2001:db8::1");
		assertThat(backend.requestCount()).isEqualTo(2);

		expectDenied(behindProxy, "/prod/public", "198.51.100.7", null, implicitDeny("public"));
		expectDenied(behindProxy, "/prod/public", "2001:db9::1", null, implicitDeny("public"));
		assertThat(backend.requestCount()).isEqualTo(2);
	}

	@Test
	void explicitDenyWinsOverAnAllowThatAlsoMatches() {
		// 203.0.113.66 is inside the allowed /24 and also explicitly denied
		expectDenied(behindProxy, "/prod/public", "203.0.113.66", null, explicitDeny("public"));
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void notIpAddressDeniesEveryoneOutsideTheNetwork() {
		get(behindProxy, "/prod/internal", "10.1.2.3", null).expectStatus().isOk();
		expectDenied(behindProxy, "/prod/internal", "203.0.113.5", null, explicitDeny("internal"));
		expectDenied(behindProxy, "/prod/internal", "2001:db8::1", null, explicitDeny("internal"));
		assertThat(backend.requestCount()).isEqualTo(1);
	}

	@Test
	void clientAddressIsTheRightMostUntrustedForwardedHop() {
		// a client cannot put itself on the allow list by prepending an address: the
		// proxy appended its real one
		expectDenied(behindProxy, "/prod/public", "203.0.113.5, 198.51.100.7", null, implicitDeny("public"));
		// trusted hops on the right are skipped
		get(behindProxy, "/prod/public", "198.51.100.7, 203.0.113.5, 192.168.4.4", null).expectStatus().isOk();
		assertThat(backend.lastRequest().header("X-Source-Ip")).isEqualTo("203.0.113.5");
		expectDenied(behindProxy, "/prod/internal", "10.1.2.3, 203.0.113.5", null, explicitDeny("internal"));
	}

	@Test
	void emptyRightMostForwardedHopIsNotBelievedSoTheProxyIsTheClient() {
		// "10.1.2.3," used to lose its empty last entry, making 10.1.2.3 the client: on
		// the internal network
		expectDenied(behindProxy, "/prod/internal", "10.1.2.3,", null, explicitDeny("internal"));
		expectDenied(behindProxy, "/prod/public", "203.0.113.5,", null, implicitDeny("public"));
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void withoutTrustedProxiesForwardedForIsIgnored() {
		expectDenied(direct, "/prod/public", "203.0.113.5", null, implicitDeny("public"));
		get(direct, "/prod/internal", "10.1.2.3", null).expectStatus().isForbidden();
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void explicitDenyRefusesBeforeTheAuthorizerIsCalled() {
		expectDenied(behindProxy, "/prod/guarded", "203.0.113.66", "alice", explicitDeny("guarded"));
		assertThat(lambda.invocationCount("fence-authorizer")).isZero();
		assertThat(backend.requestCount()).isZero();
	}

	@Test
	void authorizerDecidesWhereThePolicyIsSilentAndItsDenyStillWins() {
		// policy Allow + authorizer Allow; policy silent (198.51.100.7 is not in its
		// allow list) + authorizer Allow
		get(behindProxy, "/prod/guarded", "203.0.113.5", "alice").expectStatus().isOk();
		get(behindProxy, "/prod/guarded", "198.51.100.7", "alice").expectStatus().isOk();
		// policy Allow + authorizer Deny
		get(behindProxy, "/prod/guarded", "203.0.113.5", "deny").expectStatus()
			.isForbidden()
			.expectBody()
			.json("{\"message\":\"User is not authorized to access this resource with an explicit deny\"}", true);
		assertThat(lambda.invocationCount("fence-authorizer")).isEqualTo(3);
		assertThat(backend.requestCount()).isEqualTo(2);
	}

}
