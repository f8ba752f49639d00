package dev.turnpike.usageplans.api;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.turnpike.usageplans.domain.ApiException;
import dev.turnpike.usageplans.domain.AuditLog;

/**
 * {@code GET /audit?limit=N}: the newest audit entries (Turnpike's own endpoint, same
 * authentication).
 */
@RestController
class AuditController {

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/audit")
	Map<String, List<Map<String, String>>> recent(@RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > 1000) {
			throw ApiException.badRequest("limit must be between 1 and 1000, not " + limit);
		}
		return Map.of("item", this.audit.recent(limit));
	}

}
