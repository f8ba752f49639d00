package dev.turnpike.usageplans.domain;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.turnpike.usageplans.store.RedisRecords;

/**
 * Every change to keys, plans and usage, with who made it, what and when: kept in a Redis
 * stream (the newest 100 000 entries) for the UI and the audit API, and written to the
 * {@code turnpike.audit} logger. Key values never appear in it.
 */
public class AuditLog {

	private static final Log LOG = LogFactory.getLog("turnpike.audit");

	private final RedisRecords records;

	private final Clock clock;

	public AuditLog(RedisRecords records, Clock clock) {
		this.records = records;
		this.clock = clock;
	}

	/** Records a change. {@code details} must hold no secrets. */
	public void record(Actor actor, String action, String target, String details) {
		Map<String, String> entry = new LinkedHashMap<>();
		entry.put("time", this.clock.instant().toString());
		entry.put("actor", actor.name());
		entry.put("action", action);
		entry.put("target", (target != null) ? target : "");
		entry.put("details", (details != null) ? details : "");
		this.records.appendAudit(entry);
		LOG.info("audit actor=" + actor + " action=" + action + " target=" + target + " details=" + details);
	}

	public List<Map<String, String>> recent(int count) {
		return this.records.auditEntries(count);
	}

}
