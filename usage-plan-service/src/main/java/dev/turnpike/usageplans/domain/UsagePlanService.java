package dev.turnpike.usageplans.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.turnpike.usageplans.core.ApiKeyHasher;
import dev.turnpike.usageplans.core.ApiKeyRecord;
import dev.turnpike.usageplans.core.ApiStage;
import dev.turnpike.usageplans.core.ChangeEvent;
import dev.turnpike.usageplans.core.QuotaSettings;
import dev.turnpike.usageplans.core.ThrottleSettings;
import dev.turnpike.usageplans.core.UsagePlanRecord;
import dev.turnpike.usageplans.core.UsagePlanRules;
import dev.turnpike.usageplans.store.RedisRecords;

/**
 * The rules for usage plans and their keys, shared by the AWS-compatible API and the UI:
 * plans validated by {@link UsagePlanRules}; a key in at most one plan per API stage;
 * every change audited and announced to the gateways.
 */
public class UsagePlanService {

	private final RedisRecords records;

	private final AuditLog audit;

	private final Clock clock;

	public UsagePlanService(RedisRecords records, AuditLog audit, Clock clock) {
		this.records = records;
		this.audit = audit;
		this.clock = clock;
	}

	/** What a create asks for. */
	public record NewPlan(String name, String description, List<ApiStage> apiStages, ThrottleSettings throttle,
			QuotaSettings quota, Map<String, String> tags) {
	}

	/**
	 * A key as a member of a plan (AWS's {@code UsagePlanKey}; its value is never
	 * available).
	 */
	public record PlanKey(String id, String type, String name) {
	}

	public UsagePlanRecord create(NewPlan request, Actor actor) {
		Tags.check(request.tags());
		UsagePlanRecord plan = new UsagePlanRecord(ApiKeyHasher.generateId(), request.name(), request.description(),
				request.apiStages(), request.throttle(), request.quota(), null, request.tags(), this.clock.instant());
		check(plan);
		this.records.savePlan(plan);
		this.audit.record(actor, "CreateUsagePlan", plan.id(), summary(plan));
		return plan;
	}

	/** The plan, or {@code null}. */
	public UsagePlanRecord find(String id) {
		return this.records.plan(id);
	}

	public UsagePlanRecord get(String id) {
		UsagePlanRecord plan = this.records.plan(id);
		if (plan == null) {
			throw ApiException.notFound("Invalid Usage Plan ID specified");
		}
		return plan;
	}

	/**
	 * A page of plans, oldest first; with {@code keyId}, only the plans that key is in.
	 */
	public Page<UsagePlanRecord> list(String keyId, String position, Integer limit) {
		int size = Page.limit(limit);
		long offset = Page.offset(position);
		if (keyId != null) {
			List<String> ids = new ArrayList<>(this.records.planIdsOfKey(keyId));
			ids.sort(null);
			return Page.scan(offset, size, ids.size(),
					(from, count) -> this.records
						.plans(ids.subList(from.intValue(), Math.min(ids.size(), from.intValue() + count))),
					plan -> true);
		}
		return Page.scan(offset, size, this.records.planCount(),
				(from, count) -> this.records.plans(this.records.planIds(from, count)), plan -> true);
	}

	public UsagePlanRecord update(String id, List<PatchOperation> operations, Actor actor) {
		UsagePlanRecord plan = get(id);
		UsagePlanPatch patch = new UsagePlanPatch(plan);
		operations.forEach(patch::apply);
		UsagePlanRecord updated = patch.result();
		check(updated);
		for (String keyId : this.records.keyIdsOfPlan(id)) {
			checkNoOverlap(updated, keyId);
		}
		this.records.savePlan(updated);
		this.records.publish(ChangeEvent.plan(id));
		this.audit.record(actor, "UpdateUsagePlan", id, ApiKeyService.describe(operations));
		return updated;
	}

	/**
	 * Replaces a plan's name, description, stages, throttle and quota (the management
	 * UI's edit form), with the same checks as an update: valid limits, and no key ends
	 * up in two plans for one API stage.
	 */
	public UsagePlanRecord replace(String id, NewPlan changes, Actor actor) {
		UsagePlanRecord plan = get(id);
		UsagePlanRecord updated = new UsagePlanRecord(id, changes.name(), changes.description(), changes.apiStages(),
				changes.throttle(), changes.quota(), plan.productCode(), plan.tags(), plan.createdDate());
		check(updated);
		for (String keyId : this.records.keyIdsOfPlan(id)) {
			checkNoOverlap(updated, keyId);
		}
		this.records.savePlan(updated);
		this.records.publish(ChangeEvent.plan(id));
		this.audit.record(actor, "UpdateUsagePlan", id, summary(updated));
		return updated;
	}

	public void delete(String id, Actor actor) {
		UsagePlanRecord plan = get(id);
		for (String keyId : this.records.keyIdsOfPlan(id)) {
			this.records.detach(id, keyId);
			this.records.publish(ChangeEvent.key(keyId));
		}
		this.records.deletePlan(id);
		this.records.publish(ChangeEvent.plan(id));
		this.audit.record(actor, "DeleteUsagePlan", id, "name=" + plan.name());
	}

	public PlanKey addKey(String planId, String keyId, String keyType, Actor actor) {
		if (!"API_KEY".equals(keyType)) {
			throw ApiException.badRequest("keyType must be API_KEY, not " + keyType);
		}
		UsagePlanRecord plan = get(planId);
		ApiKeyRecord key = this.records.key(keyId);
		if (key == null) {
			throw ApiException.notFound("Invalid API Key identifier specified");
		}
		if (this.records.planIdsOfKey(keyId).contains(planId)) {
			throw ApiException.conflict("Usage Plan " + planId + " already contains API Key " + keyId);
		}
		checkNoOverlap(plan, keyId);
		this.records.attach(planId, keyId);
		this.records.publish(ChangeEvent.key(keyId));
		this.audit.record(actor, "CreateUsagePlanKey", planId, "keyId=" + keyId);
		return new PlanKey(key.id(), "API_KEY", key.name());
	}

	public PlanKey getKey(String planId, String keyId) {
		get(planId);
		ApiKeyRecord key = this.records.key(keyId);
		if (key == null || !this.records.planIdsOfKey(keyId).contains(planId)) {
			throw ApiException.notFound("Invalid API Key identifier specified");
		}
		return new PlanKey(key.id(), "API_KEY", key.name());
	}

	public Page<PlanKey> listKeys(String planId, String namePrefix, String position, Integer limit) {
		get(planId);
		List<String> ids = new ArrayList<>(this.records.keyIdsOfPlan(planId));
		ids.sort(null);
		Page<ApiKeyRecord> keys = Page.scan(Page.offset(position), Page.limit(limit), ids.size(),
				(from, count) -> this.records
					.keys(ids.subList(from.intValue(), Math.min(ids.size(), from.intValue() + count))),
				key -> namePrefix == null || (key.name() != null && key.name().startsWith(namePrefix)));
		return new Page<>(keys.items().stream().map(key -> new PlanKey(key.id(), "API_KEY", key.name())).toList(),
				keys.position());
	}

	public void removeKey(String planId, String keyId, Actor actor) {
		getKey(planId, keyId);
		this.records.detach(planId, keyId);
		this.records.publish(ChangeEvent.key(keyId));
		this.audit.record(actor, "DeleteUsagePlanKey", planId, "keyId=" + keyId);
	}

	private static void check(UsagePlanRecord plan) {
		List<String> problems = UsagePlanRules.problems(plan);
		if (!problems.isEmpty()) {
			throw ApiException.badRequest(String.join("; ", problems));
		}
	}

	/** AWS: a key is in at most one usage plan per API stage. */
	private void checkNoOverlap(UsagePlanRecord plan, String keyId) {
		for (String otherId : this.records.planIdsOfKey(keyId)) {
			if (otherId.equals(plan.id())) {
				continue;
			}
			UsagePlanRecord other = this.records.plan(otherId);
			if (other == null) {
				continue;
			}
			for (ApiStage stage : plan.apiStages()) {
				if (other.apiStage(stage.apiId(), stage.stage()) != null) {
					throw ApiException.conflict("API Key " + keyId + " is already in usage plan " + otherId
							+ " for API stage " + stage.apiId() + ":" + stage.stage()
							+ "; a key can be in only one usage plan per API stage");
				}
			}
		}
	}

	private static String summary(UsagePlanRecord plan) {
		return "name=" + plan.name() + " throttle=" + plan.throttle() + " quota=" + plan.quota() + " apiStages="
				+ plan.apiStages().stream().map(s -> s.apiId() + ":" + s.stage()).toList();
	}

	/** Applies AWS patch operations to a plan. */
	private static final class UsagePlanPatch {

		private final UsagePlanRecord original;

		private String name;

		private String description;

		private String productCode;

		private Double rateLimit;

		private Integer burstLimit;

		private boolean hasThrottle;

		private Integer quotaLimit;

		private Integer quotaOffset;

		private dev.turnpike.usageplans.core.QuotaPeriod quotaPeriod;

		private boolean hasQuota;

		private final Map<String, Map<String, ThrottleSettings>> stages = new LinkedHashMap<>();

		UsagePlanPatch(UsagePlanRecord plan) {
			this.original = plan;
			this.name = plan.name();
			this.description = plan.description();
			this.productCode = plan.productCode();
			this.hasThrottle = plan.throttle() != null;
			if (this.hasThrottle) {
				this.rateLimit = plan.throttle().rateLimit();
				this.burstLimit = plan.throttle().burstLimit();
			}
			this.hasQuota = plan.quota() != null;
			if (this.hasQuota) {
				this.quotaLimit = plan.quota().limit();
				this.quotaOffset = plan.quota().offset();
				this.quotaPeriod = plan.quota().period();
			}
			plan.apiStages()
				.forEach(
						stage -> this.stages.put(stage.apiId() + ":" + stage.stage(), new HashMap<>(stage.throttle())));
		}

		void apply(PatchOperation operation) {
			String path = Objects.requireNonNullElse(operation.path(), "");
			switch (path) {
				case "/name" -> this.name = operation.replacedValue();
				case "/description" -> this.description = operation.replacedValue();
				case "/productCode" ->
					this.productCode = operation.is("remove") ? null : operation.addedOrReplacedValue();
				case "/throttle" -> removeOnly(operation, () -> this.hasThrottle = false);
				case "/quota" -> removeOnly(operation, () -> this.hasQuota = false);
				case "/throttle/rateLimit" -> {
					this.rateLimit = Numbers.decimal(operation.addedOrReplacedValue(), path);
					this.hasThrottle = true;
				}
				case "/throttle/burstLimit" -> {
					this.burstLimit = Numbers.integer(operation.addedOrReplacedValue(), path);
					this.hasThrottle = true;
				}
				case "/quota/limit" -> {
					this.quotaLimit = Numbers.integer(operation.addedOrReplacedValue(), path);
					this.hasQuota = true;
				}
				case "/quota/offset" -> {
					this.quotaOffset = Numbers.integer(operation.addedOrReplacedValue(), path);
					this.hasQuota = true;
				}
				case "/quota/period" -> {
					this.quotaPeriod = period(operation.addedOrReplacedValue());
					this.hasQuota = true;
				}
				case "/apiStages" -> apiStages(operation);
				default -> {
					if (path.startsWith("/apiStages/")) {
						stageThrottle(operation, path.substring("/apiStages/".length()));
					}
					else {
						throw ApiException.badRequest("Invalid patch path '" + path + "' for a usage plan");
					}
				}
			}
		}

		private void apiStages(PatchOperation operation) {
			String value = operation.requiredValue();
			if (!value.matches("[^:]+:[^:]+")) {
				throw ApiException.badRequest("/apiStages: '" + value + "' must be {apiId}:{stage}");
			}
			if (operation.is("add")) {
				this.stages.putIfAbsent(value, new HashMap<>());
			}
			else if (operation.is("remove")) {
				if (this.stages.remove(value) == null) {
					throw ApiException.notFound("API stage " + value + " is not in usage plan " + this.original.id());
				}
			}
			else {
				throw operation.unsupported();
			}
		}

		/**
		 * {@code {apiId}:{stage}/throttle[/{resourcePath}/{METHOD}[/rateLimit|/burstLimit]]}.
		 */
		private void stageThrottle(PatchOperation operation, String rest) {
			int slash = rest.indexOf('/');
			String stageKey = (slash < 0) ? rest : rest.substring(0, slash);
			Map<String, ThrottleSettings> throttles = this.stages.get(stageKey);
			if (throttles == null) {
				throw ApiException.notFound("API stage " + stageKey + " is not in usage plan " + this.original.id());
			}
			String tail = (slash < 0) ? "" : rest.substring(slash);
			if (tail.equals("/throttle")) {
				throttles.clear();
				if (!operation.is("remove")) {
					throttles.putAll(ThrottleJson.parseMap(operation.addedOrReplacedValue()));
				}
				return;
			}
			if (!tail.startsWith("/throttle/")) {
				throw ApiException.badRequest("Invalid patch path '" + operation.path() + "' for a usage plan");
			}
			String method = tail.substring("/throttle/".length());
			String field = null;
			if (method.endsWith("/rateLimit") || method.endsWith("/burstLimit")) {
				field = method.substring(method.lastIndexOf('/') + 1);
				method = method.substring(0, method.lastIndexOf('/'));
			}
			String methodKey = methodKey(method);
			if (field == null) {
				if (!operation.is("remove") || throttles.remove(methodKey) == null) {
					throw operation.is("remove") ? ApiException.notFound("No throttle for " + methodKey)
							: operation.unsupported();
				}
				return;
			}
			ThrottleSettings current = throttles.getOrDefault(methodKey, new ThrottleSettings(null, null));
			String value = operation.addedOrReplacedValue();
			throttles.put(methodKey,
					field.equals("rateLimit")
							? new ThrottleSettings(Numbers.decimal(value, operation.path()), current.burstLimit())
							: new ThrottleSettings(current.rateLimit(), Numbers.integer(value, operation.path())));
		}

		/** {@code ~1pets/GET} or {@code /pets/GET} → {@code /pets/GET}. */
		private static String methodKey(String escaped) {
			String unescaped = PatchOperation.unescape(escaped);
			return unescaped.startsWith("/") ? unescaped : "/" + unescaped;
		}

		UsagePlanRecord result() {
			List<ApiStage> apiStages = new ArrayList<>();
			this.stages.forEach((key, throttles) -> {
				String[] parts = key.split(":", 2);
				apiStages.add(new ApiStage(parts[0], parts[1], throttles));
			});
			return new UsagePlanRecord(this.original.id(), this.name, this.description, apiStages,
					this.hasThrottle ? new ThrottleSettings(this.rateLimit, this.burstLimit) : null,
					this.hasQuota ? new QuotaSettings(this.quotaLimit, this.quotaOffset, this.quotaPeriod) : null,
					this.productCode, this.original.tags(), this.original.createdDate());
		}

		private static dev.turnpike.usageplans.core.QuotaPeriod period(String value) {
			try {
				return dev.turnpike.usageplans.core.QuotaPeriod
					.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.badRequest("/quota/period: '" + value + "' is not DAY, WEEK or MONTH");
			}
		}

		private static void removeOnly(PatchOperation operation, Runnable action) {
			if (!operation.is("remove")) {
				throw operation.unsupported();
			}
			action.run();
		}

	}

	Instant now() {
		return this.clock.instant();
	}

}
