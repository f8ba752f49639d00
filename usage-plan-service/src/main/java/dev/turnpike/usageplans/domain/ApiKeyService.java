package dev.turnpike.usageplans.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.turnpike.usageplans.core.ApiKeyHasher;
import dev.turnpike.usageplans.core.ApiKeyRecord;
import dev.turnpike.usageplans.core.ChangeEvent;
import dev.turnpike.usageplans.store.RedisRecords;

/**
 * The rules for API keys, shared by the AWS-compatible API and the UI: values generated
 * from a CSPRNG (or supplied, 20–128 characters) and stored only as a keyed hash, shown
 * once; enable/disable, expiry, rotation with a grace period for the old value; every
 * change audited and announced to the gateways.
 */
public class ApiKeyService {

	/**
	 * Supplied values: 20–128 visible ASCII characters without separators (AWS requires
	 * 20–128).
	 */
	static final Pattern VALUE = Pattern.compile("[A-Za-z0-9!#$%&*+\\-./:;<=>?@^_|~]{20,128}");

	static final int MAX_NAME = 1024;

	private final RedisRecords records;

	private final ApiKeyHasher hasher;

	private final AuditLog audit;

	private final Clock clock;

	private final Duration defaultGrace;

	public ApiKeyService(RedisRecords records, ApiKeyHasher hasher, AuditLog audit, Clock clock,
			Duration defaultGrace) {
		this.records = records;
		this.hasher = hasher;
		this.audit = audit;
		this.clock = clock;
		this.defaultGrace = defaultGrace;
	}

	/** What a create asks for ({@code value} null means generate one). */
	public record NewKey(String name, String description, boolean enabled, String value, String customerId,
			List<String> stageKeys, Map<String, String> tags, Instant expiresAt) {
	}

	/**
	 * A key with its value: only returned when the value is new (create, import, rotate).
	 */
	public record KeyWithValue(ApiKeyRecord key, String value) {
	}

	public KeyWithValue create(NewKey request, Actor actor) {
		checkName(request.name());
		Tags.check(request.tags());
		String value = (request.value() != null) ? checkValue(request.value(), "value") : ApiKeyHasher.generateValue();
		String hash = this.hasher.hash(value);
		if (this.records.keyIdByHash(hash) != null) {
			throw ApiException.conflict("API Key value already exists");
		}
		Instant now = this.clock.instant();
		ApiKeyRecord key = new ApiKeyRecord(ApiKeyHasher.generateId(), request.name(), request.description(),
				request.enabled(), request.customerId(), now, now, ApiKeyHasher.prefix(value), hash, null, null,
				request.expiresAt(), request.stageKeys(), request.tags());
		this.records.saveKey(key);
		this.records.indexHash(hash, key.id(), null);
		this.audit.record(actor, "CreateApiKey", key.id(),
				"name=" + key.name() + " enabled=" + key.enabled() + " prefix=" + key.valuePrefix());
		return new KeyWithValue(key, value);
	}

	public ApiKeyRecord get(String id) {
		ApiKeyRecord key = this.records.key(id);
		if (key == null) {
			throw ApiException.notFound("Invalid API Key identifier specified");
		}
		return key;
	}

	/**
	 * A page of keys, oldest first, optionally filtered by name prefix and customer id.
	 */
	public Page<ApiKeyRecord> list(String namePrefix, String customerId, String position, Integer limit) {
		Predicate<ApiKeyRecord> filter = key -> (namePrefix == null
				|| (key.name() != null && key.name().startsWith(namePrefix)))
				&& (customerId == null || customerId.equals(key.customerId()));
		return Page.scan(Page.offset(position), Page.limit(limit), this.records.keyCount(),
				(offset, count) -> this.records.keys(this.records.keyIds(offset, count)), filter);
	}

	/**
	 * A page of keys whose name, id, value prefix or customer id contains {@code text}
	 * (any case).
	 */
	public Page<ApiKeyRecord> search(String text, String position, Integer limit) {
		String needle = (text == null) ? "" : text.trim().toLowerCase(Locale.ROOT);
		Predicate<ApiKeyRecord> filter = key -> needle.isEmpty() || contains(key.name(), needle)
				|| contains(key.id(), needle) || contains(key.valuePrefix(), needle)
				|| contains(key.customerId(), needle);
		return Page.scan(Page.offset(position), Page.limit(limit), this.records.keyCount(),
				(offset, count) -> this.records.keys(this.records.keyIds(offset, count)), filter);
	}

	private static boolean contains(String field, String needle) {
		return field != null && field.toLowerCase(Locale.ROOT).contains(needle);
	}

	public ApiKeyRecord update(String id, List<PatchOperation> operations, Actor actor) {
		ApiKeyRecord key = get(id);
		ApiKeyPatch patch = new ApiKeyPatch(key);
		for (PatchOperation operation : operations) {
			patch.apply(operation);
		}
		checkName(patch.name);
		ApiKeyRecord updated = new ApiKeyRecord(key.id(), patch.name, patch.description, patch.enabled,
				patch.customerId, key.createdDate(), this.clock.instant(), key.valuePrefix(), key.valueHash(),
				key.previousValueHash(), key.previousValueExpiresAt(), patch.expiresAt, patch.stageKeys, key.tags());
		this.records.saveKey(updated);
		this.records.publish(ChangeEvent.key(id));
		this.audit.record(actor, "UpdateApiKey", id, describe(operations));
		return updated;
	}

	/**
	 * Gives the key a new value. The old one keeps working for {@code grace} (default:
	 * the configured grace period), so clients can switch without an outage.
	 */
	public KeyWithValue rotate(String id, Duration grace, Actor actor) {
		ApiKeyRecord key = get(id);
		Duration period = (grace != null) ? grace : this.defaultGrace;
		if (period.isNegative()) {
			throw ApiException.badRequest("gracePeriodSeconds must be zero or more");
		}
		String value = ApiKeyHasher.generateValue();
		String hash = this.hasher.hash(value);
		Instant now = this.clock.instant();
		ApiKeyRecord rotated = new ApiKeyRecord(key.id(), key.name(), key.description(), key.enabled(),
				key.customerId(), key.createdDate(), now, ApiKeyHasher.prefix(value), hash,
				period.isZero() ? null : key.valueHash(), period.isZero() ? null : now.plus(period), key.expiresAt(),
				key.stageKeys(), key.tags());
		this.records.saveKey(rotated);
		this.records.indexHash(hash, key.id(), null);
		if (period.isZero()) {
			this.records.unindexHash(key.valueHash());
		}
		else {
			this.records.indexHash(key.valueHash(), key.id(), period);
		}
		if (key.previousValueHash() != null) {
			this.records.unindexHash(key.previousValueHash());
		}
		this.records.publish(ChangeEvent.key(id));
		this.audit.record(actor, "RotateApiKey", id,
				"gracePeriodSeconds=" + period.toSeconds() + " prefix=" + rotated.valuePrefix());
		return new KeyWithValue(rotated, value);
	}

	public void delete(String id, Actor actor) {
		ApiKeyRecord key = get(id);
		for (String planId : this.records.planIdsOfKey(id)) {
			this.records.detach(planId, id);
		}
		this.records.unindexHash(key.valueHash());
		if (key.previousValueHash() != null) {
			this.records.unindexHash(key.previousValueHash());
		}
		this.records.deleteKey(id);
		this.records.publish(ChangeEvent.key(id));
		this.audit.record(actor, "DeleteApiKey", id, "name=" + key.name());
	}

	/**
	 * Imports or overwrites (same value = same key) keys, as AWS's CSV import does. Each
	 * row either becomes a key or a warning; with {@code failOnWarnings} any warning
	 * rejects the whole import before anything is written.
	 */
	public ImportResult importKeys(List<ApiKeyCsv.Row> rows, List<String> parseWarnings, boolean failOnWarnings,
			UsagePlanService plans, Actor actor) {
		List<String> warnings = new ArrayList<>(parseWarnings);
		for (ApiKeyCsv.Row row : rows) {
			if (!VALUE.matcher(row.key()).matches() || row.key().length() < 30) {
				warnings
					.add("line " + row.line() + ": Key must be 30 to 128 characters without spaces, commas or quotes");
			}
			if (row.name().isEmpty() || row.name().length() > MAX_NAME) {
				warnings.add("line " + row.line() + ": Name is required (at most " + MAX_NAME + " characters)");
			}
			for (String planId : row.usagePlanIds()) {
				if (plans.find(planId) == null) {
					warnings.add("line " + row.line() + ": usage plan '" + planId + "' does not exist");
				}
			}
		}
		if (failOnWarnings && !warnings.isEmpty()) {
			throw ApiException.badRequest("Import rejected with failonwarnings=true: " + String.join("; ", warnings));
		}
		List<String> ids = new ArrayList<>();
		for (ApiKeyCsv.Row row : rows) {
			if (warnings.stream().anyMatch(w -> w.startsWith("line " + row.line() + ":"))) {
				continue;
			}
			ApiKeyRecord key = upsertImported(row, actor);
			for (String planId : row.usagePlanIds()) {
				plans.addKey(planId, key.id(), "API_KEY", actor);
			}
			ids.add(key.id());
		}
		return new ImportResult(ids, warnings);
	}

	public record ImportResult(List<String> ids, List<String> warnings) {
	}

	private ApiKeyRecord upsertImported(ApiKeyCsv.Row row, Actor actor) {
		String hash = this.hasher.hash(row.key());
		String existingId = this.records.keyIdByHash(hash);
		ApiKeyRecord existing = (existingId != null) ? this.records.key(existingId) : null;
		Instant now = this.clock.instant();
		if (existing != null) {
			ApiKeyRecord updated = new ApiKeyRecord(existing.id(), row.name(), row.description(), row.enabled(),
					existing.customerId(), existing.createdDate(), now, existing.valuePrefix(), existing.valueHash(),
					existing.previousValueHash(), existing.previousValueExpiresAt(), existing.expiresAt(),
					existing.stageKeys(), existing.tags());
			this.records.saveKey(updated);
			this.records.publish(ChangeEvent.key(existing.id()));
			this.audit.record(actor, "ImportApiKey", existing.id(), "overwrote name=" + row.name());
			return updated;
		}
		ApiKeyRecord key = new ApiKeyRecord(ApiKeyHasher.generateId(), row.name(), row.description(), row.enabled(),
				null, now, now, ApiKeyHasher.prefix(row.key()), hash, null, null, null, null, null);
		this.records.saveKey(key);
		this.records.indexHash(hash, key.id(), null);
		this.audit.record(actor, "ImportApiKey", key.id(), "name=" + row.name() + " prefix=" + key.valuePrefix());
		return key;
	}

	static String checkValue(String value, String field) {
		if (!VALUE.matcher(value).matches()) {
			throw ApiException.badRequest(
					field + ": an API key value must be 20 to 128 characters without spaces," + " commas or quotes");
		}
		return value;
	}

	private static void checkName(String name) {
		if (name != null && name.length() > MAX_NAME) {
			throw ApiException.badRequest("name: at most " + MAX_NAME + " characters");
		}
	}

	static String describe(List<PatchOperation> operations) {
		List<String> parts = new ArrayList<>();
		for (PatchOperation operation : operations) {
			boolean secret = operation.path() != null && operation.path().toLowerCase().contains("value");
			parts.add(operation.op() + " " + operation.path()
					+ (operation.value() != null && !secret ? "=" + operation.value() : ""));
		}
		return String.join(", ", parts);
	}

	/** Applies AWS patch operations to a key's changeable fields. */
	private static final class ApiKeyPatch {

		String name;

		String description;

		boolean enabled;

		String customerId;

		Instant expiresAt;

		List<String> stageKeys;

		ApiKeyPatch(ApiKeyRecord key) {
			this.name = key.name();
			this.description = key.description();
			this.enabled = key.enabled();
			this.customerId = key.customerId();
			this.expiresAt = key.expiresAt();
			this.stageKeys = new ArrayList<>(key.stageKeys());
		}

		void apply(PatchOperation operation) {
			String path = (operation.path() != null) ? operation.path() : "";
			switch (path) {
				case "/name" -> this.name = operation.replacedValue();
				case "/description" -> this.description = operation.replacedValue();
				case "/customerId" -> this.customerId = operation.replacedValue();
				case "/enabled" -> this.enabled = Booleans.parse(operation.replacedValue(), "/enabled");
				case "/expiresAt" -> this.expiresAt = expiry(operation);
				case "/stages" -> stages(operation);
				default -> throw ApiException.badRequest("Invalid patch path '" + path + "' for an API key (supported: "
						+ "/name, /description, /enabled, /customerId, /stages, /expiresAt)");
			}
		}

		private static Instant expiry(PatchOperation operation) {
			if (operation.is("remove")) {
				return null;
			}
			String value = operation.replacedValue();
			try {
				return Instant.parse(value);
			}
			catch (DateTimeParseException ex) {
				throw ApiException
					.badRequest("/expiresAt: '" + value + "' is not an ISO-8601 instant such as 2027-01-31T00:00:00Z");
			}
		}

		private void stages(PatchOperation operation) {
			String value = operation.requiredValue();
			if (!value.matches("[^/]+/[^/]+")) {
				throw ApiException.badRequest("/stages: '" + value + "' must be {restApiId}/{stageName}");
			}
			if (operation.is("add")) {
				if (!this.stageKeys.contains(value)) {
					this.stageKeys.add(value);
				}
			}
			else if (operation.is("remove")) {
				this.stageKeys.remove(value);
			}
			else {
				throw operation.unsupported();
			}
		}

	}

}
