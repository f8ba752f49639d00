package dev.turnpike.gateway.hardening;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.turnpike.gateway.support.RunningGateway;
import dev.turnpike.gateway.support.TestConfigRepo;
import dev.turnpike.gateway.support.UsagePlanFixtures;
import dev.turnpike.test.backend.RecordedRequest;
import dev.turnpike.test.backend.TestBackend;
import dev.turnpike.test.lambda.TestLambdaServer;
import dev.turnpike.test.lambda.TestLambdaServer.Reply;
import dev.turnpike.test.redis.RedisExtension;
import dev.turnpike.usageplans.core.ApiStage;

/**
 * One running gateway serving {@link FortressApi}, with everything its guards need, real:
 * Redis with API keys in usage plans, an OIDC issuer, a Lambda endpoint with a TOKEN and
 * a REQUEST authorizer, and a counting backend per route. The gateway trusts 127.0.0.1 as
 * its proxy, so a test speaks as the proxy and says in {@code X-Forwarded-For} which
 * client it forwards.
 */
final class Fortress implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final HostileTokens tokens = new HostileTokens();

	final UsagePlanFixtures keys = new UsagePlanFixtures(RedisExtension.shared());

	final TestLambdaServer lambda = TestLambdaServer.start();

	final Map<String, TestBackend> backends = new LinkedHashMap<>();

	final RunningGateway gateway;

	/**
	 * A key in a plan for fortress/prod (no limits), and the keys that must not work
	 * there.
	 */
	final String validKey;

	final String disabledKey;

	final String expiredKey;

	final String wrongPlanKey;

	final String planlessKey;

	/**
	 * A token the authorizer accepts, for requests whose other parts are the hostile
	 * ones.
	 */
	final String validToken;

	Fortress(Path configDir) {
		for (String name : FortressApi.BACKENDS) {
			this.backends.put(name, TestBackend.start());
		}
		this.lambda.function("token-authorizer", Fortress::tokenAuthorizer)
			.function("request-authorizer", Fortress::requestAuthorizer);
		this.keys.plan("fortress-prod", null, null, new ApiStage(FortressApi.ID, "prod", null));
		this.keys.plan("fortress-dev", null, null, new ApiStage(FortressApi.ID, "dev", null));
		this.validKey = keyIn("fortress-prod", "valid", true, null);
		this.disabledKey = keyIn("fortress-prod", "disabled", false, null);
		this.expiredKey = keyIn("fortress-prod", "expired", true, Instant.now().minusSeconds(60));
		this.wrongPlanKey = keyIn("fortress-dev", "wrong-plan", true, null);
		this.planlessKey = this.keys.key("hostile-planless");
		this.validToken = this.tokens.valid("alice");
		Map<String, String> variables = new LinkedHashMap<>();
		this.backends.forEach((name, backend) -> variables.put(name, backend.baseUrl()));
		TestConfigRepo.in(configDir)
			.api(FortressApi.ID, FortressApi.document(this.tokens.issuer()))
			.stage(FortressApi.ID, "prod", variables);
		this.gateway = RunningGateway.start(configDir, "spring.data.redis.url=" + RedisExtension.shared().url(),
				"turnpike.api-keys.hash-secret=" + UsagePlanFixtures.HASH_SECRET,
				"turnpike.lambda.endpoint-url=" + this.lambda.endpoint(), "turnpike.authorizers.lambda-timeout=5s",
				"turnpike.aws.account-id=123456789012", "turnpike.trusted-proxies=127.0.0.1/32",
				// The mock route's template serialises a 9 MB body twice; on a loaded
				// 2-core machine with every buffer
				// tracked that can take longer than the 500 ms default, which would be
				// the operator's cap answering
				// (documented, 500), not a flaw. The cap itself is tested by
				// MappingTemplateIntegrationTests.
				"turnpike.templates.max-render-time=5s");
	}

	private String keyIn(String plan, String name, boolean enabled, Instant expiresAt) {
		String id = "hostile-" + name;
		String value = this.keys.key(id, enabled, expiresAt);
		this.keys.attach(plan, id);
		return value;
	}

	/**
	 * A request to the fortress API ({@code /prod/...}, query included), addressed by its
	 * Host.
	 */
	HttpRequest.Builder request(String pathAndQuery) {
		return HttpRequest.newBuilder(URI.create(this.gateway.baseUrl() + pathAndQuery))
			.header("Host", FortressApi.HOST)
			.timeout(Duration.ofSeconds(30));
	}

	/**
	 * A request carrying a valid API key and a valid token: what a legitimate client
	 * sends.
	 */
	HttpRequest.Builder admitted(String pathAndQuery) {
		return request(pathAndQuery).header("x-api-key", this.validKey)
			.header("Authorization", "Bearer " + this.validToken);
	}

	/** Requests all backends have received so far. */
	long backendRequests() {
		return this.backends.values().stream().mapToLong(TestBackend::requestCount).sum();
	}

	/**
	 * The distinct requests the backends received since {@code counts} were taken, for
	 * failure messages.
	 */
	List<String> receivedSince(Map<String, Integer> counts) {
		java.util.Set<String> received = new java.util.LinkedHashSet<>();
		this.backends.forEach((name, backend) -> {
			List<RecordedRequest> requests = backend.requests();
			for (RecordedRequest request : requests.subList(counts.getOrDefault(name, 0), requests.size())) {
				received.add(name + " got " + request.method() + " " + request.path()
						+ ((request.rawQuery() != null) ? "?" + request.rawQuery() : ""));
			}
		});
		return new ArrayList<>(received).subList(0, Math.min(received.size(), 40));
	}

	Map<String, Integer> counts() {
		Map<String, Integer> counts = new LinkedHashMap<>();
		this.backends.forEach((name, backend) -> counts.put(name, backend.requestCount()));
		return counts;
	}

	/**
	 * The TOKEN authorizer: {@code open-sesame} is allowed on its route; {@code deny-*}
	 * is denied, {@code elsewhere-*} and {@code otherstage-*} are allowed elsewhere only,
	 * {@code crash-*} fails, {@code malformed-*} answers no policy, anything else is
	 * {@code Unauthorized}.
	 */
	static Reply tokenAuthorizer(byte[] event) {
		String who = field(event, "authorizationToken").substring("Bearer ".length());
		String route = "arn:aws:execute-api:*:*:fortress/prod/GET/lambda-token";
		if (who.equals("open-sesame")) {
			return Reply.json(policy(who, "Allow", route));
		}
		String kind = who.contains("-") ? who.substring(0, who.indexOf('-')) : who;
		return switch (kind) {
			case "deny" -> Reply.json(policy(who, "Deny", route));
			case "elsewhere" -> Reply.json(policy(who, "Allow", "arn:aws:execute-api:*:*:otherapi/*"));
			case "otherstage" ->
				Reply.json(policy(who, "Allow", "arn:aws:execute-api:*:*:fortress/dev/GET/lambda-token"));
			case "crash" -> Reply.error("boom");
			case "malformed" -> Reply.json("{\"policyDocument\":{}}");
			default -> Reply.error("Unauthorized");
		};
	}

	/**
	 * The REQUEST authorizer: user {@code alice} of tenant {@code acme} is allowed;
	 * everyone else is denied.
	 */
	static Reply requestAuthorizer(byte[] event) {
		String user = field(event, "headers", "X-User");
		String tenant = field(event, "queryStringParameters", "tenant");
		boolean allowed = "alice".equals(user) && "acme".equals(tenant);
		return Reply.json(policy(String.valueOf(user), allowed ? "Allow" : "Deny",
				"arn:aws:execute-api:*:*:fortress/prod/GET/lambda-request/*"));
	}

	private static String policy(String principal, String effect, String resource) {
		return "{\"principalId\":" + JSON.writeValueAsString(principal)
				+ ",\"policyDocument\":{\"Version\":\"2012-10-17\","
				+ "\"Statement\":[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"" + effect + "\",\"Resource\":\""
				+ resource + "\"}]}}";
	}

	private static String field(byte[] event, String... path) {
		JsonNode node = JSON.readTree(event);
		for (String name : path) {
			node = (node != null) ? node.get(name) : null;
		}
		return (node != null && !node.isNull()) ? node.asString() : null;
	}

	@Override
	public void close() {
		this.gateway.close();
		this.backends.values().forEach(TestBackend::close);
		this.lambda.close();
		this.tokens.close();
		this.keys.close();
	}

}
