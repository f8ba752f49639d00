package dev.turnpike.usageplans.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.turnpike.usageplans.api.AwsShapes.ApiKey;
import dev.turnpike.usageplans.api.AwsShapes.ApiKeyIds;
import dev.turnpike.usageplans.api.AwsShapes.ApiKeys;
import dev.turnpike.usageplans.api.AwsShapes.CreateApiKeyRequest;
import dev.turnpike.usageplans.api.AwsShapes.PatchRequest;
import dev.turnpike.usageplans.api.AwsShapes.RotateRequest;
import dev.turnpike.usageplans.api.AwsShapes.StageKey;
import dev.turnpike.usageplans.core.ApiKeyRecord;
import dev.turnpike.usageplans.domain.ApiException;
import dev.turnpike.usageplans.domain.ApiKeyCsv;
import dev.turnpike.usageplans.domain.ApiKeyService;
import dev.turnpike.usageplans.domain.Page;
import dev.turnpike.usageplans.domain.UsagePlanService;

/**
 * {@code /apikeys}: CreateApiKey, ImportApiKeys ({@code ?mode=import&format=csv}),
 * GetApiKeys, GetApiKey, UpdateApiKey, DeleteApiKey as Amazon API Gateway serves them,
 * plus Turnpike's {@code POST /apikeys/{id}/rotate}. Key values appear only in the
 * response that creates them: they are stored hashed, so {@code includeValue} has nothing
 * to include.
 */
@RestController
class ApiKeysController {

	private final ApiKeyService keys;

	private final UsagePlanService plans;

	ApiKeysController(ApiKeyService keys, UsagePlanService plans) {
		this.keys = keys;
		this.plans = plans;
	}

	@PostMapping(path = "/apikeys", params = "!mode")
	ResponseEntity<ApiKey> create(@RequestBody(required = false) CreateApiKeyRequest request, Authentication who) {
		CreateApiKeyRequest body = (request != null) ? request
				: new CreateApiKeyRequest(null, null, null, null, null, null, null, null);
		List<String> stageKeys = (body.stageKeys() != null)
				? body.stageKeys().stream().map(ApiKeysController::stageKey).toList() : List.of();
		ApiKeyService.KeyWithValue created = this.keys.create(new ApiKeyService.NewKey(body.name(), body.description(),
				Boolean.TRUE.equals(body.enabled()), body.value(), body.customerId(), stageKeys, body.tags(), null),
				Actors.of(who));
		return ResponseEntity.status(HttpStatus.CREATED).body(ApiKey.of(created.key(), created.value()));
	}

	private static String stageKey(StageKey key) {
		if (key == null || key.restApiId() == null || key.stageName() == null) {
			throw ApiException.badRequest("stageKeys: every stage key needs restApiId and stageName");
		}
		return key.restApiId() + "/" + key.stageName();
	}

	@PostMapping(path = "/apikeys", params = "mode")
	ResponseEntity<ApiKeyIds> importKeys(@RequestParam String mode, @RequestParam(required = false) String format,
			@RequestParam(name = "failonwarnings", defaultValue = "false") boolean failOnWarnings,
			@RequestBody(required = false) byte[] body, Authentication who) {
		if (!"import".equals(mode)) {
			throw ApiException.badRequest("mode must be import, not " + mode);
		}
		if (!"csv".equals(format)) {
			throw ApiException.badRequest("format must be csv, not " + format);
		}
		ApiKeyCsv.Parsed parsed = ApiKeyCsv.parse((body != null) ? new String(body, StandardCharsets.UTF_8) : "");
		ApiKeyService.ImportResult result = this.keys.importKeys(parsed.rows(), parsed.warnings(), failOnWarnings,
				this.plans, Actors.of(who));
		return ResponseEntity.status(HttpStatus.CREATED).body(new ApiKeyIds(result.ids(), result.warnings()));
	}

	@GetMapping("/apikeys")
	ApiKeys list(@RequestParam(required = false) String position, @RequestParam(required = false) Integer limit,
			@RequestParam(name = "name", required = false) String name,
			@RequestParam(required = false) String customerId, @RequestParam(required = false) Boolean includeValues) {
		Page<ApiKeyRecord> page = this.keys.list(name, customerId, position, limit);
		return new ApiKeys(page.position(), page.items().stream().map(key -> ApiKey.of(key, null)).toList(), null);
	}

	@GetMapping("/apikeys/{apiKey}")
	ApiKey get(@PathVariable String apiKey, @RequestParam(required = false) Boolean includeValue) {
		return ApiKey.of(this.keys.get(apiKey), null);
	}

	@PatchMapping("/apikeys/{apiKey}")
	ApiKey update(@PathVariable String apiKey, @RequestBody(required = false) PatchRequest request,
			Authentication who) {
		return ApiKey.of(this.keys.update(apiKey, (request != null) ? request.operations() : List.of(), Actors.of(who)),
				null);
	}

	@DeleteMapping("/apikeys/{apiKey}")
	ResponseEntity<Void> delete(@PathVariable String apiKey, Authentication who) {
		this.keys.delete(apiKey, Actors.of(who));
		return ResponseEntity.status(HttpStatus.ACCEPTED).build();
	}

	/**
	 * Turnpike's rotation: a new value now, the old one valid for the grace period
	 * (default from settings).
	 */
	@PostMapping("/apikeys/{apiKey}/rotate")
	ApiKey rotate(@PathVariable String apiKey, @RequestBody(required = false) RotateRequest request,
			Authentication who) {
		Duration grace = (request != null && request.gracePeriodSeconds() != null)
				? Duration.ofSeconds(request.gracePeriodSeconds()) : null;
		ApiKeyService.KeyWithValue rotated = this.keys.rotate(apiKey, grace, Actors.of(who));
		return ApiKey.of(rotated.key(), rotated.value());
	}

}
