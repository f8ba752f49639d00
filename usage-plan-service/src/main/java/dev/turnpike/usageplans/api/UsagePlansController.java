package dev.turnpike.usageplans.api;

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

import dev.turnpike.usageplans.api.AwsShapes.CreateUsagePlanKeyRequest;
import dev.turnpike.usageplans.api.AwsShapes.CreateUsagePlanRequest;
import dev.turnpike.usageplans.api.AwsShapes.PatchRequest;
import dev.turnpike.usageplans.api.AwsShapes.Usage;
import dev.turnpike.usageplans.api.AwsShapes.UsagePlan;
import dev.turnpike.usageplans.api.AwsShapes.UsagePlanKey;
import dev.turnpike.usageplans.api.AwsShapes.UsagePlanKeys;
import dev.turnpike.usageplans.api.AwsShapes.UsagePlans;
import dev.turnpike.usageplans.core.UsagePlanRecord;
import dev.turnpike.usageplans.domain.ApiException;
import dev.turnpike.usageplans.domain.Page;
import dev.turnpike.usageplans.domain.UsagePlanService;
import dev.turnpike.usageplans.domain.UsageService;

/**
 * {@code /usageplans}: the usage plan, usage plan key and usage operations as Amazon API
 * Gateway serves them.
 */
@RestController
class UsagePlansController {

	private final UsagePlanService plans;

	private final UsageService usage;

	UsagePlansController(UsagePlanService plans, UsageService usage) {
		this.plans = plans;
		this.usage = usage;
	}

	@PostMapping("/usageplans")
	ResponseEntity<UsagePlan> create(@RequestBody(required = false) CreateUsagePlanRequest request,
			Authentication who) {
		if (request == null) {
			throw ApiException.badRequest("A usage plan needs a JSON body with at least a name");
		}
		UsagePlanRecord plan = this.plans.create(new UsagePlanService.NewPlan(request.name(), request.description(),
				request.apiStages(), request.throttle(), request.quota(), request.tags()), Actors.of(who));
		return ResponseEntity.status(HttpStatus.CREATED).body(UsagePlan.of(plan));
	}

	@GetMapping("/usageplans")
	UsagePlans list(@RequestParam(required = false) String position, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String keyId) {
		Page<UsagePlanRecord> page = this.plans.list(keyId, position, limit);
		return new UsagePlans(page.position(), page.items().stream().map(UsagePlan::of).toList());
	}

	@GetMapping("/usageplans/{usageplanId}")
	UsagePlan get(@PathVariable String usageplanId) {
		return UsagePlan.of(this.plans.get(usageplanId));
	}

	@PatchMapping("/usageplans/{usageplanId}")
	UsagePlan update(@PathVariable String usageplanId, @RequestBody(required = false) PatchRequest request,
			Authentication who) {
		return UsagePlan
			.of(this.plans.update(usageplanId, (request != null) ? request.operations() : List.of(), Actors.of(who)));
	}

	@DeleteMapping("/usageplans/{usageplanId}")
	ResponseEntity<Void> delete(@PathVariable String usageplanId, Authentication who) {
		this.plans.delete(usageplanId, Actors.of(who));
		return ResponseEntity.status(HttpStatus.ACCEPTED).build();
	}

	@PostMapping("/usageplans/{usageplanId}/keys")
	ResponseEntity<UsagePlanKey> addKey(@PathVariable String usageplanId,
			@RequestBody(required = false) CreateUsagePlanKeyRequest request, Authentication who) {
		if (request == null || request.keyId() == null || request.keyType() == null) {
			throw ApiException.badRequest("keyId and keyType are required");
		}
		UsagePlanService.PlanKey key = this.plans.addKey(usageplanId, request.keyId(), request.keyType(),
				Actors.of(who));
		return ResponseEntity.status(HttpStatus.CREATED).body(new UsagePlanKey(key.id(), key.type(), null, key.name()));
	}

	@GetMapping("/usageplans/{usageplanId}/keys")
	UsagePlanKeys keys(@PathVariable String usageplanId, @RequestParam(required = false) String position,
			@RequestParam(required = false) Integer limit, @RequestParam(name = "name", required = false) String name) {
		Page<UsagePlanService.PlanKey> page = this.plans.listKeys(usageplanId, name, position, limit);
		return new UsagePlanKeys(page.position(),
				page.items().stream().map(key -> new UsagePlanKey(key.id(), key.type(), null, key.name())).toList());
	}

	@GetMapping("/usageplans/{usageplanId}/keys/{keyId}")
	UsagePlanKey key(@PathVariable String usageplanId, @PathVariable String keyId) {
		UsagePlanService.PlanKey key = this.plans.getKey(usageplanId, keyId);
		return new UsagePlanKey(key.id(), key.type(), null, key.name());
	}

	@DeleteMapping("/usageplans/{usageplanId}/keys/{keyId}")
	ResponseEntity<Void> removeKey(@PathVariable String usageplanId, @PathVariable String keyId, Authentication who) {
		this.plans.removeKey(usageplanId, keyId, Actors.of(who));
		return ResponseEntity.status(HttpStatus.ACCEPTED).build();
	}

	@GetMapping("/usageplans/{usageplanId}/usage")
	Usage usage(@PathVariable String usageplanId, @RequestParam(required = false) String keyId,
			@RequestParam(required = false) String startDate, @RequestParam(required = false) String endDate,
			@RequestParam(required = false) String position, @RequestParam(required = false) Integer limit) {
		return shape(this.usage.usage(usageplanId, keyId, startDate, endDate, position, limit));
	}

	@PatchMapping("/usageplans/{usageplanId}/keys/{keyId}/usage")
	Usage updateUsage(@PathVariable String usageplanId, @PathVariable String keyId,
			@RequestBody(required = false) PatchRequest request, Authentication who) {
		return shape(this.usage.updateUsage(usageplanId, keyId, (request != null) ? request.operations() : List.of(),
				Actors.of(who)));
	}

	private static Usage shape(UsageService.Usage usage) {
		return new Usage(usage.usagePlanId(), usage.startDate(), usage.endDate(), usage.position(), usage.values());
	}

}
