package dev.turnpike.usageplans.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.turnpike.usageplans.core.ApiKeyRecord;
import dev.turnpike.usageplans.core.ApiStage;
import dev.turnpike.usageplans.core.QuotaSettings;
import dev.turnpike.usageplans.core.ThrottleSettings;
import dev.turnpike.usageplans.core.UsagePlanRecord;
import dev.turnpike.usageplans.domain.PatchOperation;

/**
 * The request and response bodies of Amazon API Gateway's management API for keys, plans
 * and usage, with its wire names: list members are {@code item}, usage values are
 * {@code values}, timestamps are epoch seconds. Requests reject unknown fields.
 */
final class AwsShapes {

	private AwsShapes() {
	}

	record StageKey(String restApiId, String stageName) {
	}

	record CreateApiKeyRequest(String name, String description, Boolean enabled, Boolean generateDistinctId,
			String value, List<StageKey> stageKeys, String customerId, Map<String, String> tags) {
	}

	/**
	 * AWS's {@code ApiKey}. {@code value} is present only in the response that creates
	 * (or rotates) the value. Turnpike adds {@code valuePrefix}, {@code expiresAt} and
	 * {@code previousValueExpiresAt}; AWS clients ignore them.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ApiKey(String id, String value, String name, String customerId, String description, boolean enabled,
			Long createdDate, Long lastUpdatedDate, List<String> stageKeys, Map<String, String> tags,
			String valuePrefix, Long expiresAt, Long previousValueExpiresAt) {

		static ApiKey of(ApiKeyRecord key, String value) {
			return new ApiKey(key.id(), value, key.name(), key.customerId(), key.description(), key.enabled(),
					seconds(key.createdDate()), seconds(key.lastUpdatedDate()), key.stageKeys(), key.tags(),
					key.valuePrefix(), seconds(key.expiresAt()), seconds(key.previousValueExpiresAt()));
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ApiKeys(String position, @JsonProperty("item") List<ApiKey> items, List<String> warnings) {
	}

	record ApiKeyIds(List<String> ids, List<String> warnings) {
	}

	record CreateUsagePlanRequest(String name, String description, List<ApiStage> apiStages, ThrottleSettings throttle,
			QuotaSettings quota, Map<String, String> tags) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record UsagePlan(String id, String name, String description, List<ApiStage> apiStages, ThrottleSettings throttle,
			QuotaSettings quota, String productCode, Map<String, String> tags) {

		static UsagePlan of(UsagePlanRecord plan) {
			return new UsagePlan(plan.id(), plan.name(), plan.description(), plan.apiStages(), plan.throttle(),
					plan.quota(), plan.productCode(), plan.tags());
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record UsagePlans(String position, @JsonProperty("item") List<UsagePlan> items) {
	}

	record CreateUsagePlanKeyRequest(String keyId, String keyType) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record UsagePlanKey(String id, String type, String value, String name) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record UsagePlanKeys(String position, @JsonProperty("item") List<UsagePlanKey> items) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Usage(String usagePlanId, String startDate, String endDate, String position,
			@JsonProperty("values") Map<String, List<List<Long>>> items) {
	}

	record PatchRequest(List<PatchOperation> patchOperations) {

		List<PatchOperation> operations() {
			return (this.patchOperations != null) ? this.patchOperations : List.of();
		}

	}

	/** Turnpike's rotation request (not an AWS operation). */
	record RotateRequest(Long gracePeriodSeconds) {
	}

	static Long seconds(Instant instant) {
		return (instant != null) ? instant.getEpochSecond() : null;
	}

}
