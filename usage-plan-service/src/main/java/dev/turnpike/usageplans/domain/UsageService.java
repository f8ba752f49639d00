package dev.turnpike.usageplans.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.turnpike.usageplans.core.QuotaPeriod;
import dev.turnpike.usageplans.core.QuotaSettings;
import dev.turnpike.usageplans.core.UsagePlanRecord;
import dev.turnpike.usageplans.store.RedisRecords;

/**
 * Usage as AWS's {@code GetUsage} reports it: per key, per UTC day,
 * {@code [used, remaining]}, where remaining is the quota left in that day's quota period
 * after that day (-1 when the plan has no quota). {@code UpdateUsage} sets the remaining
 * quota of the current period.
 */
public class UsageService {

	/** How far back daily counters are kept and can be asked for. */
	static final int MAX_DAYS = 400;

	private final RedisRecords records;

	private final UsagePlanService plans;

	private final AuditLog audit;

	private final Clock clock;

	public UsageService(RedisRecords records, UsagePlanService plans, AuditLog audit, Clock clock) {
		this.records = records;
		this.plans = plans;
		this.audit = audit;
		this.clock = clock;
	}

	/** AWS's {@code Usage}: per key id, one {@code [used, remaining]} per day. */
	public record Usage(String usagePlanId, String startDate, String endDate, String position,
			Map<String, List<List<Long>>> values) {
	}

	public Usage usage(String planId, String keyId, String startDate, String endDate, String position, Integer limit) {
		UsagePlanRecord plan = this.plans.get(planId);
		LocalDate start = date(startDate, "startDate");
		LocalDate end = date(endDate, "endDate");
		if (end.isBefore(start)) {
			throw ApiException.badRequest("endDate " + endDate + " is before startDate " + startDate);
		}
		if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
			throw ApiException.badRequest("The date range is longer than " + MAX_DAYS + " days");
		}
		List<String> keyIds;
		if (keyId != null) {
			this.plans.getKey(planId, keyId);
			keyIds = List.of(keyId);
		}
		else {
			keyIds = new ArrayList<>(this.records.keyIdsOfPlan(planId));
			keyIds.sort(null);
		}
		int size = Page.limit(limit);
		int offset = (int) Math.min(Page.offset(position), keyIds.size());
		List<String> page = keyIds.subList(offset, Math.min(keyIds.size(), offset + size));
		Map<String, List<List<Long>>> values = new LinkedHashMap<>();
		for (String id : page) {
			values.put(id, daily(plan, id, start, end));
		}
		String next = (offset + size < keyIds.size()) ? Page.position(offset + size) : null;
		return new Usage(planId, startDate, endDate, next, values);
	}

	/**
	 * Sets the remaining quota of the current period for a key
	 * ({@code replace /remaining}).
	 */
	public Usage updateUsage(String planId, String keyId, List<PatchOperation> operations, Actor actor) {
		UsagePlanRecord plan = this.plans.get(planId);
		this.plans.getKey(planId, keyId);
		QuotaSettings quota = plan.quota();
		for (PatchOperation operation : operations) {
			if (!"/remaining".equals(operation.path()) || !operation.is("replace")) {
				throw ApiException
					.badRequest("Invalid patch operation for usage: only 'replace /remaining' is supported");
			}
			if (quota == null) {
				throw ApiException.badRequest("Usage plan " + planId + " has no quota to extend");
			}
			long remaining = Numbers.integer(operation.requiredValue(), "/remaining");
			if (remaining < 0) {
				throw ApiException.badRequest("/remaining must be zero or more, not " + remaining);
			}
			Instant now = this.clock.instant();
			QuotaPeriod.Window window = quota.period().windowAt(now);
			long used = quota.effectiveLimit(now, plan.createdDate()) - remaining;
			this.records.setQuotaUsed(keyId, planId, window.start().toString(), used, window.endInstant());
			this.audit.record(actor, "UpdateUsage", planId, "keyId=" + keyId + " remaining=" + remaining);
		}
		String today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC).toString();
		return usage(planId, keyId, today, today, null, null);
	}

	private List<List<Long>> daily(UsagePlanRecord plan, String keyId, LocalDate start, LocalDate end) {
		QuotaSettings quota = plan.quota();
		LocalDate from = (quota != null)
				? quota.period().windowAt(start.atStartOfDay(ZoneOffset.UTC).toInstant()).start() : start;
		List<String> days = new ArrayList<>();
		for (LocalDate day = from; !day.isAfter(end); day = day.plusDays(1)) {
			days.add(day.toString());
		}
		List<Long> used = this.records.dailyUsage(keyId, plan.id(), days);
		List<List<Long>> result = new ArrayList<>();
		long usedInPeriod = 0;
		QuotaPeriod.Window window = null;
		long adjustment = 0;
		for (int i = 0; i < days.size(); i++) {
			LocalDate day = LocalDate.parse(days.get(i));
			if (quota != null && (window == null || !window.contains(day))) {
				window = quota.period().windowAt(day.atStartOfDay(ZoneOffset.UTC).toInstant());
				usedInPeriod = 0;
				adjustment = adjustment(plan, keyId, window);
			}
			usedInPeriod += used.get(i);
			if (day.isBefore(start)) {
				continue;
			}
			long remaining = -1;
			if (quota != null) {
				long limit = quota.effectiveLimit(day.atStartOfDay(ZoneOffset.UTC).toInstant(), plan.createdDate());
				remaining = Math.max(0, limit - usedInPeriod - adjustment);
			}
			result.add(List.of(used.get(i), remaining));
		}
		return result;
	}

	/**
	 * The part of a period's quota counter that daily counts do not explain (an
	 * {@code UpdateUsage}), so remaining figures agree with what the gateway enforces.
	 */
	private long adjustment(UsagePlanRecord plan, String keyId, QuotaPeriod.Window window) {
		Long counter = this.records.quotaUsed(keyId, plan.id(), window.start().toString());
		if (counter == null) {
			return 0;
		}
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		List<String> periodDays = new ArrayList<>();
		for (LocalDate day = window.start(); day.isBefore(window.end()) && !day.isAfter(today); day = day.plusDays(1)) {
			periodDays.add(day.toString());
		}
		long counted = this.records.dailyUsage(keyId, plan.id(), periodDays).stream().mapToLong(Long::longValue).sum();
		return counter - counted;
	}

	private static LocalDate date(String value, String field) {
		if (value == null) {
			throw ApiException.badRequest(field + " is required (YYYY-MM-DD)");
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw ApiException.badRequest(field + ": '" + value + "' is not a date in the form YYYY-MM-DD");
		}
	}

}
