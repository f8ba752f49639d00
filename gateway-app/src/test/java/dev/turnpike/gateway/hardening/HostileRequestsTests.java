package dev.turnpike.gateway.hardening;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.turnpike.gateway.hardening.HostileTraffic.Judge;
import dev.turnpike.test.hardening.HardeningFigures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standing hostile-input suite: more than 10 000 hostile requests over real HTTP
 * against one gateway whose routes are guarded by API keys and usage plans, a JWT
 * authorizer, Lambda TOKEN and REQUEST authorizers, a resource policy, request validation
 * and mapping templates (see {@link FortressApi}). Each test sends one family of attacks
 * and proves that none reached a backend and every answer was the gateway's own AWS-style
 * rejection (or, for the mock route that renders request data, that the data came out as
 * data). A few legitimate requests prove the backends are reachable and counted. Figures
 * go to {@code target/hardening-figures/hostile-requests.properties}.
 */
class HostileRequestsTests {

	private static final HardeningFigures FIGURES = HardeningFigures.suite("hostile-requests");

	/**
	 * Repetitions of each attack variant (every repetition differs: new token, key,
	 * address or probe suffix).
	 */
	private static final int ROUNDS = 140;

	@TempDir
	static Path configDir;

	static Fortress fortress;

	static HostileTraffic traffic;

	static long controls;

	@BeforeAll
	static void start() {
		fortress = new Fortress(configDir);
		traffic = new HostileTraffic(fortress.gateway.port(), FIGURES);
	}

	@AfterAll
	static void stop() {
		try {
			FIGURES.add("control-requests", controls);
			FIGURES.add("reached-backend", 0);
			FIGURES.add("server-errors-from-turnpike", 0);
			FIGURES.write();
		}
		finally {
			if (traffic != null) {
				traffic.close();
			}
			if (fortress != null) {
				fortress.close();
			}
		}
		assertThat(FIGURES.get("sent")).as("hostile requests sent").isGreaterThanOrEqualTo(10_000);
		assertThat(FIGURES.get("reached-backend")).as("hostile requests that reached a backend").isZero();
		assertThat(FIGURES.get("server-errors-from-turnpike")).as("500s from Turnpike's own code").isZero();
	}

	/**
	 * Sends one category of attacks and records its figures; returns what went wrong
	 * (nothing, when no request reached a backend and every answer was right), so a test
	 * can run all its categories before failing.
	 */
	private static List<String> attack(String category, Runnable sending) {
		Map<String, Integer> before = fortress.counts();
		sending.run();
		long reached = fortress.backendRequests() - before.values().stream().mapToLong(Integer::longValue).sum();
		FIGURES.add("reached-backend", reached).add(category + ".reached-backend", reached);
		FIGURES.add(category + ".bad-answers", 0).add(category + ".closed-connections", 0);
		List<String> problems = new ArrayList<>();
		if (FIGURES.get(category + ".bad-answers") > 0) {
			problems.add(FIGURES.get(category + ".bad-answers") + " wrong answers to " + category + ", e.g.\n"
					+ String.join("\n", traffic.samples(category)));
		}
		if (reached > 0) {
			problems.add(reached + " " + category + " requests reached a backend:\n"
					+ String.join("\n", fortress.receivedSince(before)));
		}
		return problems;
	}

	@SafeVarargs
	private static void expectNoProblems(List<String>... categories) {
		List<String> problems = Stream.of(categories).flatMap(List::stream).toList();
		assertThat(problems).as(String.join("\n\n", problems)).isEmpty();
	}

	@Test
	void legitimateRequestsReachTheirBackendsAndAreCounted() {
		long before = fortress.backendRequests();
		expectOk(fortress.admitted("/prod/keyed").build());
		expectOk(fortress.admitted("/prod/keyed").POST(BodyPublishers.ofString("{}")).build());
		expectOk(fortress.request("/prod/lambda-token").header("Authorization", "Bearer open-sesame").build());
		expectOk(fortress.request("/prod/lambda-request/7?tenant=acme").header("X-User", "alice").build());
		expectOk(fortress.request("/prod/internal").header("X-Forwarded-For", "10.0.0.7").build());
		expectOk(fortress.request("/prod/validated")
			.header("X-Tenant", "t1")
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"name\":\"Rex\",\"price\":25,\"tags\":[\"good\"]}"))
			.build());
		expectOk(fortress.request("/prod/public/hello").build());
		assertThat(fortress.backendRequests() - before).isEqualTo(7);
		for (String name : List.of("keyed", "lambdaToken", "lambdaRequest", "internal", "validated", "open")) {
			assertThat(fortress.backends.get(name).requestCount()).as(name).isPositive();
		}
	}

	private static void expectOk(HttpRequest request) {
		Answer answer = traffic.once(request);
		controls++;
		assertThat(answer.status()).as(request.uri() + " => " + answer).isEqualTo(200);
	}

	@Test
	void missingForgedExpiredUnsignedAndMisaddressedTokensNeverReachTheBackend() {
		expectNoProblems(fortress.tokens.kinds()
			.stream()
			.map(kind -> attack("tokens." + kind.name(), () -> traffic.send("tokens." + kind.name(), ROUNDS, n -> {
				HttpRequest.Builder request = fortress.request("/prod/keyed").header("x-api-key", fortress.validKey);
				String authorization = kind.authorization().apply(n);
				return ((authorization != null) ? request.header("Authorization", authorization) : request).build();
			}, Judge.REJECTED)))
			.toArray(List[]::new));
	}

	@Test
	void unknownDisabledExpiredAndWrongPlanApiKeysNeverReachTheBackend() {
		List<java.util.function.IntFunction<String>> keys = List.of(n -> null, n -> "",
				n -> "unknown-" + UUID.randomUUID(), n -> fortress.disabledKey, n -> fortress.expiredKey,
				n -> fortress.wrongPlanKey, n -> fortress.planlessKey,
				n -> fortress.validKey.toUpperCase(java.util.Locale.ROOT), n -> fortress.validKey + "x",
				n -> fortress.validKey.substring(1), n -> "k".repeat(4000 + n));
		expectNoProblems(attack("api-keys", () -> traffic.send("api-keys", ROUNDS * keys.size(), n -> {
			String key = keys.get(n % keys.size()).apply(n);
			HttpRequest.Builder request = fortress.request("/prod/keyed")
				.header("Authorization", "Bearer " + fortress.validToken);
			return ((key != null) ? request.header("x-api-key", key) : request).build();
		}, Judge.REJECTED)));
	}

	@Test
	void deniedAddressesAreRefusedEvenWithValidCredentialsAndForwardedForSpoofingDoesNotHelp() {
		List<java.util.function.IntFunction<HttpRequest>> requests = List.of(
				// a denied client with a valid key and token: the policy's explicit deny
				// wins
				n -> fortress.admitted("/prod/keyed").header("X-Forwarded-For", "203.0.113." + (n % 250 + 1)).build(),
				n -> fortress.admitted("/prod/keyed")
					.header("X-Forwarded-For", "2001:db8:bad::" + Integer.toHexString(n + 1))
					.build(),
				n -> fortress.admitted("/prod/keyed")
					.header("X-Forwarded-For", "::ffff:203.0.113." + (n % 250 + 1))
					.build(),
				// a denied client claiming an allowed address: the proxy appended the
				// real one, which decides
				n -> fortress.admitted("/prod/keyed")
					.header("X-Forwarded-For", "10.0.0.1, 203.0.113." + (n % 250 + 1))
					.build(),
				n -> fortress.request("/prod/internal")
					.header("X-Forwarded-For", "10.0.0.1, 198.51.100." + (n % 250 + 1))
					.build(),
				n -> fortress.request("/prod/internal")
					.header("X-Forwarded-For", "10.0.0.1")
					.header("X-Forwarded-For", "198.51.100." + (n % 250 + 1))
					.build(),
				// an unreadable right-most hop: nothing left of it is believed, the proxy
				// (127.0.0.1) is the client
				n -> fortress.request("/prod/internal")
					.header("X-Forwarded-For", "10.0.0.1, not-an-address-" + n)
					.build(),
				n -> fortress.request("/prod/internal")
					.header("X-Forwarded-For", "10.0.0.1, 10.0.0.1:" + (n + 1))
					.build(),
				n -> fortress.request("/prod/internal").header("X-Forwarded-For", "10.0.0.1,").build(),
				// other headers that claim a client address are not believed at all
				n -> fortress.request("/prod/internal")
					.header("X-Real-IP", "10.0.0." + (n % 250 + 1))
					.header("Forwarded", "for=10.0.0.1")
					.header("True-Client-IP", "10.0.0.1")
					.header("CF-Connecting-IP", "10.0.0.1")
					.build());
		expectNoProblems(attack("ip-policy", () -> traffic.send("ip-policy", ROUNDS * requests.size(),
				n -> requests.get(n % requests.size()).apply(n / requests.size()), Judge.REJECTED)));
	}

	@Test
	void resourcePolicyAdmittingNobodyRefusesCallersWithForgedSignaturesAndAddresses() {
		expectNoProblems(attack("policy-principal", () -> traffic.send("policy-principal", ROUNDS * 2, n -> {
			HttpRequest.Builder request = fortress.request("/prod/partner")
				.header("X-Forwarded-For", "10.0.0." + (n % 250 + 1));
			return ((n % 2 == 0) ? request
					: request.header("Authorization",
							"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261202/us-east-1/execute-api/aws4_request, "
									+ "SignedHeaders=host, Signature=" + "0".repeat(64)))
				.build();
		}, Judge.REJECTED)));
	}

	@Test
	void lambdaAuthorizersDenyingFailingOrNeverCalledKeepTheBackendUnreached() {
		List<java.util.function.IntFunction<String>> tokens = List.of(n -> null, n -> "Basic b3Blbi1zZXNhbWU=",
				n -> "bearer open-sesame", n -> "Bearer  open-sesame", n -> "Bearer open_sesame",
				n -> "Bearer " + "a".repeat(65), n -> "Bearer open-sesamE", n -> "Bearer deny-" + n,
				n -> "Bearer elsewhere-" + n, n -> "Bearer otherstage-" + n, n -> "Bearer crash-" + n,
				n -> "Bearer malformed-" + n, n -> "Bearer nobody-" + n);
		List<java.util.function.IntFunction<HttpRequest>> requestAuth = List.of(
				n -> fortress.request("/prod/lambda-request/" + n + "?tenant=acme").build(),
				n -> fortress.request("/prod/lambda-request/" + n).header("X-User", "alice").build(),
				n -> fortress.request("/prod/lambda-request/" + n + "?tenant=").header("X-User", "alice").build(),
				n -> fortress.request("/prod/lambda-request/" + n + "?tenant=acme")
					.header("X-User", "mallory-" + n)
					.build(),
				n -> fortress.request("/prod/lambda-request/" + n + "?tenant=ACME").header("X-User", "alice").build(),
				n -> fortress.request("/prod/lambda-request/" + n + "?tenant=acme%00")
					.header("X-User", "alice")
					.build(),
				n -> fortress.request("/prod/lambda-request/" + n + "?tenant=evil&tenant=evil2")
					.header("X-User", "alice")
					.build(),
				n -> fortress.request("/prod/lambda-request/" + n + "?tenant=acme").header("X-User", "Alice").build());
		expectNoProblems(attack("lambda-token", () -> traffic.send("lambda-token", ROUNDS / 4 * tokens.size(), n -> {
			String token = tokens.get(n % tokens.size()).apply(n);
			HttpRequest.Builder request = fortress.request("/prod/lambda-token");
			return ((token != null) ? request.header("Authorization", token) : request).build();
		}, Judge.REJECTED)),
				attack("lambda-request", () -> traffic.send("lambda-request", ROUNDS / 4 * requestAuth.size(),
						n -> requestAuth.get(n % requestAuth.size()).apply(n), Judge.REJECTED)));
	}

	@Test
	void smugglingFramingsAreRejectedOrCutOffAndReachNoBackend() {
		List<String> attempts = ProtocolAttacks.smuggling();
		expectNoProblems(attack("smuggling", () -> traffic.sendRaw("smuggling", ROUNDS / 8 * attempts.size(),
				n -> attempts.get(n % attempts.size()), Judge.REJECTED_OR_CLOSED)));
	}

	@Test
	void headerAndQueryFloodsAreRejected() {
		List<String> raw = ProtocolAttacks.floods();
		expectNoProblems(attack("header-floods", () -> traffic.send("header-floods", ROUNDS / 4,
				n -> ProtocolAttacks.manyHeaders(fortress.request("/prod/keyed"), 100, n).build(), Judge.REJECTED)),
				attack("query-floods", () -> {
					traffic.send("query-floods", ROUNDS / 4,
							n -> fortress.request("/prod/keyed?" + ProtocolAttacks.manyParameters(300, n)).build(),
							Judge.REJECTED);
					traffic.send("query-floods", ROUNDS / 4,
							n -> fortress
								.request("/prod/lambda-request/" + n + "?" + ProtocolAttacks.manyParameters(300, n))
								.header("X-User", "alice")
								.build(),
							Judge.REJECTED);
				}), attack("oversized-heads", () -> traffic.sendRaw("oversized-heads", ROUNDS / 8 * raw.size(),
						n -> raw.get(n % raw.size()), Judge.REJECTED_OR_CLOSED)));
	}

	@Test
	void deeplyNestedBodiesAreRejectedOrRenderedWithoutFailing() {
		List<String> bodies = List.of(BodyAttacks.nestedArrays(10_000), BodyAttacks.nestedObjects(10_000),
				"{\"name\":\"Rex\",\"price\":25,\"tags\":" + BodyAttacks.nestedArrays(10_000) + "}",
				"{\"probe\":" + BodyAttacks.nestedObjects(5_000) + "}");
		expectNoProblems(
				attack("deep-json", () -> traffic.sendJudged("deep-json", ROUNDS / 4 * bodies.size() * 4, n -> {
					String body = bodies.get(n % bodies.size());
					return BodyAttacks.against(fortress, (n / bodies.size()) % 4, BodyPublishers.ofString(body));
				})));
	}

	@Test
	void hugeAndJustOverTheLimitBodiesAreRejected() {
		expectNoProblems(
				attack("huge-bodies",
						() -> traffic.sendJudged("huge-bodies", 8,
								n -> BodyAttacks.against(fortress, n % 4,
										BodyPublishers.ofByteArray(BodyAttacks.nineMegabytes(n % 4 == 3))))),
				attack("over-limit-bodies", () -> traffic.sendJudged("over-limit-bodies", 8,
						n -> BodyAttacks.overLimit(fortress, n % 4, n >= 4))));
	}

	@Test
	void templateDirectivesInRequestDataComeOutAsDataAndGuardedTemplatesStayUnreached() {
		List<String> probes = TemplateProbes.PROBES;
		expectNoProblems(attack("template-injection",
				() -> traffic.sendJudged("template-injection", ROUNDS / 2 * probes.size(), n -> {
					String probe = probes.get(n % probes.size()) + "~" + n;
					return TemplateProbes.rendered(fortress, probe, probes.get((n + 7) % probes.size()),
							probe.replace('/', '|'));
				})),
				attack("template-injection-guarded", () -> traffic.send("template-injection-guarded",
						ROUNDS / 4 * probes.size(),
						n -> fortress.request("/prod/render")
							.header("Content-Type", "application/json")
							.header("X-Probe", probes.get(n % probes.size()))
							.POST(BodyPublishers.ofString(TemplateProbes.body(probes.get(n % probes.size()) + n)))
							.build(),
						Judge.REJECTED)));
	}

	@Test
	void templateDirectivesInAnAdmittedRequestReachTheBackendAsData() {
		long before = fortress.backends.get("render").requestCount();
		for (String probe : TemplateProbes.PROBES) {
			expectOk(fortress.admitted("/prod/render")
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString(TemplateProbes.body(probe)))
				.build());
			String received = fortress.backends.get("render").lastRequest().bodyAsString();
			assertThat(TemplateProbes.probeIn(received)).as(received).isEqualTo(probe);
		}
		assertThat(fortress.backends.get("render").requestCount() - before).isEqualTo(TemplateProbes.PROBES.size());
	}

	@Test
	void pathTricksAgainstGuardedRoutesAreRejected() {
		List<String> paths = PathTricks.GUARDED;
		expectNoProblems(attack("path-tricks", () -> traffic.sendRaw("path-tricks", ROUNDS / 4 * paths.size(),
				n -> RawHttp.head("GET " + paths.get(n % paths.size()) + " HTTP/1.1"), Judge.REJECTED)));
	}

	@Test
	void pathTricksClimbingOutOfAnOpenProxyRouteNeverReachABackend() {
		List<String> paths = PathTricks.ESCAPING;
		expectNoProblems(attack("path-escapes", () -> traffic.sendRaw("path-escapes", ROUNDS / 8 * paths.size(),
				n -> RawHttp.head("GET " + paths.get(n % paths.size()) + " HTTP/1.1"), Judge.REJECTED)));
	}

}
