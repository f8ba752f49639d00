package dev.turnpike.usageplans.api;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.turnpike.usageplans.core.ResponseCacheStore;
import dev.turnpike.usageplans.domain.ApiException;
import dev.turnpike.usageplans.domain.AuditLog;

/**
 * AWS's FlushStageCache ({@code aws apigateway flush-stage-cache}): empties a stage's API
 * cache in the Redis the gateways share, with the same authentication as the rest of the
 * API, and audited. The gateway's {@code flush-cache} command does the same from a shell.
 */
@RestController
class StageCacheController {

	private static final Pattern API_ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

	private static final Pattern STAGE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

	private static final RedisScript<Long> FLUSH = RedisScript.of(ResponseCacheStore.FLUSH, Long.class);

	private final StringRedisTemplate redis;

	private final AuditLog audit;

	StageCacheController(StringRedisTemplate redis, AuditLog audit) {
		this.redis = redis;
		this.audit = audit;
	}

	@DeleteMapping("/restapis/{restApiId}/stages/{stageName}/cache/data")
	ResponseEntity<Void> flush(@PathVariable String restApiId, @PathVariable String stageName, Authentication who) {
		if (!API_ID.matcher(restApiId).matches() || !STAGE.matcher(stageName).matches()) {
			throw ApiException.badRequest("'" + restApiId + "/" + stageName + "' is not an API id and stage name");
		}
		Long removed = this.redis.execute(FLUSH,
				List.of(ResponseCacheStore.lru(restApiId, stageName), ResponseCacheStore.sizes(restApiId, stageName),
						ResponseCacheStore.bytes(restApiId, stageName), ResponseCacheStore.seq(restApiId, stageName)),
				ResponseCacheStore.entryPrefix(restApiId, stageName));
		this.audit.record(Actors.of(who), "FlushStageCache", restApiId + "/" + stageName, "entries=" + removed);
		return ResponseEntity.status(HttpStatus.ACCEPTED).build();
	}

}
