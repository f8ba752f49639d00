package dev.turnpike.usageplans.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

import dev.turnpike.test.redis.RealRedis;
import dev.turnpike.test.redis.RedisExtension;
import dev.turnpike.usageplans.core.ApiKeyHasher;
import dev.turnpike.usageplans.core.RecordCodec;
import dev.turnpike.usageplans.core.RedisKeys;
import dev.turnpike.usageplans.support.RunningUsagePlanService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys done right: only a keyed hash and a short prefix are stored, the value is returned
 * once, rotation keeps the old value valid for the grace period, every change is audited,
 * and a restart of the service loses nothing.
 */
class ApiKeyStorageTests {

	static RealRedis redis;

	static RedisClient client;

	static StatefulRedisConnection<String, String> connection;

	static RedisCommands<String, String> commands;

	@BeforeAll
	static void connect() {
		redis = RedisExtension.shared();
		client = RedisClient.create(redis.url());
		connection = client.connect();
		commands = connection.sync();
	}

	@AfterAll
	static void disconnect() {
		connection.close();
		client.shutdown();
	}

	@BeforeEach
	void empty() {
		redis.flushAll();
	}

	/**
	 * Every string value stored anywhere in Redis (strings, hashes, sets, sorted sets,
	 * streams).
	 */
	private static String everythingStored() {
		StringBuilder all = new StringBuilder();
		for (String key : commands.keys("*")) {
			all.append(key).append('\n');
			switch (commands.type(key)) {
				case "string" -> all.append(commands.get(key));
				case "hash" -> all.append(commands.hgetall(key));
				case "set" -> all.append(commands.smembers(key));
				case "zset" -> all.append(commands.zrange(key, 0, -1));
				case "stream" -> all.append(commands.xrange(key, io.lettuce.core.Range.create("-", "+")));
				default -> all.append(commands.type(key));
			}
			all.append('\n');
		}
		return all.toString();
	}

	@Test
	void valueIsStoredOnlyAsKeyedHashAndShownOnce() {
		try (RunningUsagePlanService service = RunningUsagePlanService.start(redis);
				ApiGatewayClient sdk = service.sdk()) {
			var created = sdk.createApiKey(b -> b.name("hashed").enabled(true));
			String value = created.value();

			String stored = everythingStored();
			assertThat(stored).doesNotContain(value).contains(value.substring(0, ApiKeyHasher.PREFIX_LENGTH));
			String hash = ApiKeyHasher.fromSecret(RunningUsagePlanService.HASH_SECRET).hash(value);
			assertThat(commands.get(RedisKeys.apiKeyByHash(hash))).isEqualTo(created.id());
			assertThat(RecordCodec.readApiKey(commands.get(RedisKeys.apiKey(created.id()))).valueHash())
				.isEqualTo(hash);

			assertThat(sdk.getApiKey(b -> b.apiKey(created.id()).includeValue(true)).value()).isNull();
			assertThat(sdk.getApiKeys(b -> b.includeValues(true)).items().get(0).value()).isNull();
		}
	}

	@Test
	void rotationIssuesNewValueAndKeepsOldOneForTheGracePeriod() throws Exception {
		try (RunningUsagePlanService service = RunningUsagePlanService.start(redis);
				ApiGatewayClient sdk = service.sdk()) {
			var created = sdk.createApiKey(b -> b.name("rotating").enabled(true));
			ApiKeyHasher hasher = ApiKeyHasher.fromSecret(RunningUsagePlanService.HASH_SECRET);

			HttpResponse<String> rotated = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/apikeys/" + created.id() + "/rotate"))
					.header("Authorization", "Bearer none")
					.POST(HttpRequest.BodyPublishers.ofString("{\"gracePeriodSeconds\":600}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(rotated.statusCode()).as("rotation needs admin authentication").isEqualTo(403);

			var record = RotationClient.rotate(service, created.id(), 600);
			String newValue = record.get("value").asString();
			assertThat(newValue).hasSize(40).isNotEqualTo(created.value());
			assertThat(commands.get(RedisKeys.apiKeyByHash(hasher.hash(newValue)))).isEqualTo(created.id());
			assertThat(commands.get(RedisKeys.apiKeyByHash(hasher.hash(created.value())))).isEqualTo(created.id());
			assertThat(commands.ttl(RedisKeys.apiKeyByHash(hasher.hash(created.value())))).isBetween(590L, 600L);
			var stored = RecordCodec.readApiKey(commands.get(RedisKeys.apiKey(created.id())));
			java.time.Instant now = java.time.Instant.now();
			assertThat(stored.accepts(hasher.hash(created.value()), now)).isTrue();
			assertThat(stored.accepts(hasher.hash(created.value()), now.plusSeconds(601))).isFalse();
			assertThat(stored.accepts(hasher.hash(newValue), now.plusSeconds(601))).isTrue();
		}
	}

	@Test
	void expiryIsSetAndClearedWithPatchOperations() {
		try (RunningUsagePlanService service = RunningUsagePlanService.start(redis);
				ApiGatewayClient sdk = service.sdk()) {
			var key = sdk.createApiKey(b -> b.name("expiring").enabled(true));
			sdk.updateApiKey(b -> b.apiKey(key.id())
				.patchOperations(p -> p.op("replace").path("/expiresAt").value("2027-01-31T00:00:00Z")));
			assertThat(RecordCodec.readApiKey(commands.get(RedisKeys.apiKey(key.id()))).expiresAt())
				.isEqualTo(java.time.Instant.parse("2027-01-31T00:00:00Z"));
			org.assertj.core.api.Assertions
				.assertThatExceptionOfType(software.amazon.awssdk.services.apigateway.model.BadRequestException.class)
				.isThrownBy(() -> sdk.updateApiKey(b -> b.apiKey(key.id())
					.patchOperations(p -> p.op("replace").path("/expiresAt").value("next tuesday"))))
				.withMessageContaining("/expiresAt: 'next tuesday' is not an ISO-8601 instant");
			sdk.updateApiKey(b -> b.apiKey(key.id()).patchOperations(p -> p.op("remove").path("/expiresAt")));
			assertThat(RecordCodec.readApiKey(commands.get(RedisKeys.apiKey(key.id()))).expiresAt()).isNull();
		}
	}

	@Test
	void everyChangeIsAuditedWithWhoWhatWhenAndNoSecrets() {
		try (RunningUsagePlanService service = RunningUsagePlanService.start(redis);
				ApiGatewayClient sdk = service.sdk()) {
			var key = sdk.createApiKey(b -> b.name("audited").enabled(true));
			var plan = sdk.createUsagePlan(b -> b.name("AuditPlan"));
			sdk.createUsagePlanKey(b -> b.usagePlanId(plan.id()).keyId(key.id()).keyType("API_KEY"));
			sdk.updateApiKey(
					b -> b.apiKey(key.id()).patchOperations(p -> p.op("replace").path("/enabled").value("false")));
			sdk.deleteUsagePlanKey(b -> b.usagePlanId(plan.id()).keyId(key.id()));
			sdk.deleteApiKey(b -> b.apiKey(key.id()));

			var entries = commands.xrange(RedisKeys.auditLog(), io.lettuce.core.Range.create("-", "+"));
			assertThat(entries).extracting(entry -> entry.getBody().get("action"))
				.containsExactly("CreateApiKey", "CreateUsagePlan", "CreateUsagePlanKey", "UpdateApiKey",
						"DeleteUsagePlanKey", "DeleteApiKey");
			assertThat(entries).allSatisfy(entry -> {
				assertThat(entry.getBody().get("actor")).isEqualTo("sigv4:" + RunningUsagePlanService.ACCESS_KEY_ID);
				assertThat(java.time.Instant.parse(entry.getBody().get("time")))
					.isBefore(java.time.Instant.now().plusSeconds(1));
				assertThat(entry.getBody().toString()).doesNotContain(key.value());
			});
		}
	}

	@Test
	void restartingTheServiceLosesNothingAcknowledged() {
		String keyId;
		String planId;
		try (RunningUsagePlanService service = RunningUsagePlanService.start(redis);
				ApiGatewayClient sdk = service.sdk()) {
			keyId = sdk.createApiKey(b -> b.name("durable").enabled(true)).id();
			planId = sdk.createUsagePlan(b -> b.name("Durable").apiStages(s -> s.apiId("a").stage("s"))).id();
			sdk.createUsagePlanKey(b -> b.usagePlanId(planId).keyId(keyId).keyType("API_KEY"));
		}
		try (RunningUsagePlanService service = RunningUsagePlanService.start(redis);
				ApiGatewayClient sdk = service.sdk()) {
			assertThat(sdk.getApiKey(b -> b.apiKey(keyId)).name()).isEqualTo("durable");
			assertThat(sdk.getUsagePlanKeys(b -> b.usagePlanId(planId)).items()).extracting("id")
				.containsExactly(keyId);
		}
	}

	@Test
	void unknownFieldsAndWrongTypesAreBadRequestsThatChangeNothing() throws Exception {
		try (RunningUsagePlanService service = RunningUsagePlanService.start(redis)) {
			for (String body : List.of("{\"name\":\"x\",\"colour\":\"blue\"}", "{\"name\":\"x\",\"enabled\":\"maybe\"}",
					"{\"name\":\"x\",\"stageKeys\":\"not-a-list\"}", "not json")) {
				HttpResponse<String> response = RotationClient.signedPost(service, "/apikeys", body);
				assertThat(response.statusCode()).as(body).isEqualTo(400);
				assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("BadRequestException");
				assertThat(response.body()).startsWith("{\"message\":\"Invalid request body");
			}
			HttpResponse<String> plan = RotationClient.signedPost(service, "/usageplans",
					"{\"name\":\"p\",\"quota\":{\"limit\":10,\"period\":\"FORTNIGHT\"}}");
			assertThat(plan.statusCode()).isEqualTo(400);
			assertThat(plan.body()).contains("quota.period");
			assertThat(commands.keys("*")).isEmpty();
		}
	}

}
