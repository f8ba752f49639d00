package dev.turnpike.usageplans.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;
import software.amazon.awssdk.services.apigateway.model.ApiStage;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.CreateApiKeyResponse;
import software.amazon.awssdk.services.apigateway.model.CreateUsagePlanResponse;
import software.amazon.awssdk.services.apigateway.model.GetApiKeysResponse;
import software.amazon.awssdk.services.apigateway.model.GetUsageResponse;
import software.amazon.awssdk.services.apigateway.model.ImportApiKeysResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.apigateway.model.QuotaPeriodType;
import software.amazon.awssdk.services.apigateway.model.QuotaSettings;
import software.amazon.awssdk.services.apigateway.model.ThrottleSettings;

import dev.turnpike.test.redis.RealRedis;
import dev.turnpike.test.redis.RedisExtension;
import dev.turnpike.usageplans.core.RedisKeys;
import dev.turnpike.usageplans.support.RunningUsagePlanService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The acceptance test nobody here wrote the client for: the AWS SDK for Java v2
 * {@code ApiGatewayClient} with an endpoint override creates, lists, updates and deletes
 * keys and plans, attaches keys, and reads and adjusts usage.
 */
class AwsSdkCompatibilityTests {

	static RealRedis redis;

	static RunningUsagePlanService service;

	static ApiGatewayClient sdk;

	@BeforeAll
	static void start() {
		redis = RedisExtension.shared();
		service = RunningUsagePlanService.start(redis);
		sdk = service.sdk();
	}

	@AfterAll
	static void stop() {
		sdk.close();
		service.close();
	}

	@BeforeEach
	void empty() {
		redis.flushAll();
	}

	private static ApiStage stage(String apiId, String stage) {
		return ApiStage.builder().apiId(apiId).stage(stage).build();
	}

	@Test
	void apiKeyLifecycle() {
		CreateApiKeyResponse created = sdk.createApiKey(b -> b.name("acme")
			.description("Acme Corp")
			.enabled(true)
			.customerId("cust-1")
			.tags(Map.of("team", "sales")));

		assertThat(created.id()).matches("[a-z0-9]{10}");
		assertThat(created.value()).hasSize(40).matches("[A-Za-z0-9]+");
		assertThat(created.enabled()).isTrue();
		assertThat(created.createdDate()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
		assertThat(created.tags()).containsEntry("team", "sales");

		var fetched = sdk.getApiKey(b -> b.apiKey(created.id()).includeValue(true));
		assertThat(fetched.name()).isEqualTo("acme");
		assertThat(fetched.customerId()).isEqualTo("cust-1");
		assertThat(fetched.value()).as("values are stored hashed and shown only once").isNull();

		var updated = sdk.updateApiKey(b -> b.apiKey(created.id())
			.patchOperations(PatchOperation.builder().op(Op.REPLACE).path("/name").value("acme-prod").build(),
					PatchOperation.builder().op(Op.REPLACE).path("/enabled").value("false").build()));
		assertThat(updated.name()).isEqualTo("acme-prod");
		assertThat(updated.enabled()).isFalse();
		assertThat(updated.lastUpdatedDate()).isAfterOrEqualTo(created.createdDate());

		sdk.deleteApiKey(b -> b.apiKey(created.id()));
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> sdk.getApiKey(b -> b.apiKey(created.id())))
			.satisfies(ex -> assertThat(ex.statusCode()).isEqualTo(404));
	}

	@Test
	void createKeyDefaultsToDisabledAsAwsDoesAndAcceptsSuppliedValue() {
		var created = sdk.createApiKey(b -> b.name("supplied").value("supplied-value-0123456789abcdef"));
		assertThat(created.enabled()).isFalse();
		assertThat(created.value()).isEqualTo("supplied-value-0123456789abcdef");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> sdk.createApiKey(b -> b.name("again").value("supplied-value-0123456789abcdef")));
	}

	@Test
	void listKeysPagesWithPositionAndFiltersByName() {
		for (int i = 0; i < 7; i++) {
			int n = i;
			sdk.createApiKey(b -> b.name((n % 2 == 0) ? "even-" + n : "odd-" + n));
		}
		GetApiKeysResponse first = sdk.getApiKeys(b -> b.limit(3));
		assertThat(first.items()).hasSize(3);
		assertThat(first.position()).isNotNull();
		GetApiKeysResponse second = sdk.getApiKeys(b -> b.limit(3).position(first.position()));
		GetApiKeysResponse third = sdk.getApiKeys(b -> b.limit(3).position(second.position()));
		assertThat(third.items()).hasSize(1);
		assertThat(third.position()).isNull();
		assertThat(sdk.getApiKeysPaginator(b -> b.limit(2)).items()).hasSize(7);
		assertThat(sdk.getApiKeys(b -> b.nameQuery("even-")).items()).extracting("name")
			.containsExactly("even-0", "even-2", "even-4", "even-6");
	}

	@Test
	void usagePlanLifecycleWithStagesMethodThrottlesAndKeys() {
		CreateUsagePlanResponse plan = sdk.createUsagePlan(b -> b.name("Gold")
			.description("Paying customers")
			.apiStages(ApiStage.builder()
				.apiId("petstore")
				.stage("prod")
				.throttle(Map.of("/pets/GET", ThrottleSettings.builder().rateLimit(5.0).burstLimit(10).build()))
				.build())
			.throttle(ThrottleSettings.builder().rateLimit(100.0).burstLimit(200).build())
			.quota(QuotaSettings.builder().limit(10000).offset(0).period(QuotaPeriodType.MONTH).build()));

		assertThat(plan.id()).isNotBlank();
		assertThat(plan.apiStages().get(0).throttle().get("/pets/GET").burstLimit()).isEqualTo(10);
		assertThat(plan.quota().period()).isEqualTo(QuotaPeriodType.MONTH);

		var updated = sdk.updateUsagePlan(b -> b.usagePlanId(plan.id())
			.patchOperations(PatchOperation.builder().op(Op.REPLACE).path("/quota/limit").value("20000").build(),
					PatchOperation.builder().op(Op.REPLACE).path("/throttle/rateLimit").value("150").build(),
					PatchOperation.builder().op(Op.REPLACE).path("/throttle/burstLimit").value("300").build(),
					PatchOperation.builder().op(Op.ADD).path("/apiStages").value("petstore:dev").build(),
					PatchOperation.builder()
						.op(Op.REPLACE)
						.path("/apiStages/petstore:prod/throttle/~1pets/GET/rateLimit")
						.value("7")
						.build()));
		assertThat(updated.quota().limit()).isEqualTo(20000);
		assertThat(updated.throttle().rateLimit()).isEqualTo(150.0);
		assertThat(updated.apiStages()).extracting("stage").containsExactly("prod", "dev");
		assertThat(updated.apiStages().get(0).throttle().get("/pets/GET").rateLimit()).isEqualTo(7.0);

		var key = sdk.createApiKey(b -> b.name("customer-a").enabled(true));
		var planKey = sdk.createUsagePlanKey(b -> b.usagePlanId(plan.id()).keyId(key.id()).keyType("API_KEY"));
		assertThat(planKey.id()).isEqualTo(key.id());
		assertThat(planKey.type()).isEqualTo("API_KEY");
		assertThat(planKey.name()).isEqualTo("customer-a");
		assertThat(sdk.getUsagePlanKeys(b -> b.usagePlanId(plan.id())).items()).extracting("id")
			.containsExactly(key.id());
		assertThat(sdk.getUsagePlanKey(b -> b.usagePlanId(plan.id()).keyId(key.id())).name()).isEqualTo("customer-a");
		assertThat(sdk.getUsagePlans(b -> b.keyId(key.id())).items()).extracting("id").containsExactly(plan.id());
		assertThat(sdk.getUsagePlans(b -> b.limit(10)).items()).hasSize(1);

		sdk.deleteUsagePlanKey(b -> b.usagePlanId(plan.id()).keyId(key.id()));
		assertThat(sdk.getUsagePlanKeys(b -> b.usagePlanId(plan.id())).items()).isEmpty();
		sdk.deleteUsagePlan(b -> b.usagePlanId(plan.id()));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> sdk.getUsagePlan(b -> b.usagePlanId(plan.id())));
	}

	@Test
	void usageIsReadPerKeyPerDayAndRemainingQuotaCanBeExtended() {
		var plan = sdk.createUsagePlan(b -> b.name("Metered")
			.apiStages(stage("petstore", "prod"))
			.quota(QuotaSettings.builder().limit(100).period(QuotaPeriodType.DAY).build()));
		var key = sdk.createApiKey(b -> b.name("metered-customer").enabled(true));
		sdk.createUsagePlanKey(b -> b.usagePlanId(plan.id()).keyId(key.id()).keyType("API_KEY"));
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		// what the gateway's script writes for 7 admitted requests today
		redis.command("SET", RedisKeys.dailyUsage(key.id(), plan.id(), today.toString()), "7");
		redis.command("SET", RedisKeys.quotaCounter(key.id(), plan.id(), today.toString()), "7");

		GetUsageResponse usage = sdk
			.getUsage(b -> b.usagePlanId(plan.id()).startDate(today.minusDays(1).toString()).endDate(today.toString()));
		assertThat(usage.usagePlanId()).isEqualTo(plan.id());
		assertThat(usage.items()).containsOnlyKeys(key.id());
		assertThat(usage.items().get(key.id())).containsExactly(List.of(0L, 100L), List.of(7L, 93L));

		var extended = sdk.updateUsage(b -> b.usagePlanId(plan.id())
			.keyId(key.id())
			.patchOperations(PatchOperation.builder().op(Op.REPLACE).path("/remaining").value("500").build()));
		assertThat(extended.items().get(key.id())).containsExactly(List.of(7L, 500L));
		assertThat(redis.command("GET", RedisKeys.quotaCounter(key.id(), plan.id(), today.toString()))).isEqualTo("$4");
	}

	@Test
	void importApiKeysFromAwsCsvFormat() {
		var plan = sdk.createUsagePlan(b -> b.name("Imported").apiStages(stage("petstore", "prod")));
		String csv = "Name,key,description,Enabled,usageplanIds\n"
				+ "first,apikey1234abcdefghij0123456789,An imported key,TRUE," + plan.id() + "\n"
				+ "second,apikey1234abcdefghij0123456780,,false,\n" + "short,tooShort,,true,\n";
		ImportApiKeysResponse imported = sdk.importApiKeys(b -> b.format("csv").body(SdkBytes.fromUtf8String(csv)));

		assertThat(imported.ids()).hasSize(2);
		assertThat(imported.warnings()).singleElement().asString().contains("line 4");
		assertThat(sdk.getUsagePlanKeys(b -> b.usagePlanId(plan.id())).items()).extracting("name")
			.containsExactly("first");
		assertThat(sdk.getApiKeys(b -> b.nameQuery("second")).items().get(0).enabled()).isFalse();

		// re-import of the same value overwrites the same key
		ImportApiKeysResponse again = sdk.importApiKeys(b -> b.format("csv")
			.body(SdkBytes.fromUtf8String("Key,name\napikey1234abcdefghij0123456780,renamed\n")));
		assertThat(again.ids()).containsExactly(imported.ids().get(1));
		assertThat(sdk.getApiKey(b -> b.apiKey(imported.ids().get(1))).name()).isEqualTo("renamed");

		assertThatExceptionOfType(BadRequestException.class).isThrownBy(() -> sdk.importApiKeys(
				b -> b.format("csv").failOnWarnings(true).body(SdkBytes.fromUtf8String("Name,Key\nbad,short\n"))));
	}

	@Test
	void badRequestsGetAwsErrorsAndChangeNothing() {
		var plan = sdk.createUsagePlan(b -> b.name("Plan").apiStages(stage("petstore", "prod")));
		var key = sdk.createApiKey(b -> b.name("k").enabled(true));
		sdk.createUsagePlanKey(b -> b.usagePlanId(plan.id()).keyId(key.id()).keyType("API_KEY"));
		var otherPlan = sdk.createUsagePlan(b -> b.name("Other").apiStages(stage("petstore", "prod")));

		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> sdk.createUsagePlan(
					b -> b.name("Bursty").throttle(ThrottleSettings.builder().rateLimit(10.0).burstLimit(5).build())))
			.withMessageContaining("throttle.burstLimit: 5 is below the rateLimit 10.0");
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> sdk.updateUsagePlan(b -> b.usagePlanId(plan.id())
				.patchOperations(PatchOperation.builder().op(Op.REPLACE).path("/quota/limit").value("many").build())))
			.withMessageContaining("/quota/limit: 'many' is not a whole number");
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> sdk.getUsagePlan(b -> b.usagePlanId("nosuchplan")))
			.withMessageContaining("Invalid Usage Plan ID specified");
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(
				() -> sdk.createUsagePlanKey(b -> b.usagePlanId(plan.id()).keyId("nosuchkey").keyType("API_KEY")));
		assertThatExceptionOfType(BadRequestException.class).isThrownBy(() -> sdk.getApiKeys(b -> b.limit(501)))
			.withMessageContaining("limit must be between 1 and 500");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(
					() -> sdk.createUsagePlanKey(b -> b.usagePlanId(otherPlan.id()).keyId(key.id()).keyType("API_KEY")))
			.withMessageContaining("only one usage plan per API stage");
		assertThatExceptionOfType(ApiGatewayException.class)
			.isThrownBy(() -> sdk.createUsagePlanKey(b -> b.usagePlanId(plan.id()).keyId(key.id()).keyType("JWT")))
			.satisfies(ex -> assertThat(ex.statusCode()).isEqualTo(400));

		assertThat(sdk.getUsagePlans(b -> b.keyId(key.id())).items()).extracting("id").containsExactly(plan.id());
		assertThat(sdk.getUsagePlan(b -> b.usagePlanId(plan.id())).quota()).isNull();
		assertThat(sdk.getUsagePlans(b -> b.limit(50)).items()).hasSize(2);
	}

}
