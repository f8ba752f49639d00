package dev.turnpike.usageplans.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.turnpike.usageplans.core.ApiKeyRecord;
import dev.turnpike.usageplans.core.UsagePlanRecord;
import dev.turnpike.usageplans.domain.Actor;
import dev.turnpike.usageplans.domain.ApiException;
import dev.turnpike.usageplans.domain.ApiKeyService;
import dev.turnpike.usageplans.domain.AuditLog;
import dev.turnpike.usageplans.domain.Page;
import dev.turnpike.usageplans.domain.PatchOperation;
import dev.turnpike.usageplans.domain.UsagePlanService;
import dev.turnpike.usageplans.domain.UsageService;

/**
 * The management UI's pages: usage plans, API keys and the audit log, server-rendered,
 * each action a plain form post (htmx only shortens some round trips). It works through
 * the same services as the AWS-compatible API, so the same rules apply and every change
 * is audited as {@code ui:<user>}.
 */
@Controller
class UiController {

	private static final int PAGE_SIZE = 20;

	private static final int DEFAULT_DAYS = 14;

	private final ApiKeyService keys;

	private final UsagePlanService plans;

	private final UsageService usage;

	private final AuditLog audit;

	private final Clock clock;

	private final ObjectProvider<ClientRegistrationRepository> oidc;

	UiController(ApiKeyService keys, UsagePlanService plans, UsageService usage, AuditLog audit, Clock clock,
			ObjectProvider<ClientRegistrationRepository> oidc) {
		this.oidc = oidc;
		this.keys = keys;
		this.plans = plans;
		this.usage = usage;
		this.audit = audit;
		this.clock = clock;
	}

	private static Actor actor(Authentication user) {
		return new Actor("ui:" + user.getName());
	}

	@ModelAttribute
	void common(Model model, Authentication user) {
		if (user != null) {
			model.addAttribute("user", user.getName());
			model.addAttribute("admin",
					user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN")));
		}
	}

	@GetMapping({ "/", "/ui" })
	String home() {
		return "redirect:/ui/keys";
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("oidc", this.oidc.getIfAvailable() != null);
		return "login";
	}

	/**
	 * Where refused requests are forwarded (any method): a role that may not change
	 * things, or a stale form.
	 */
	@RequestMapping("/ui/forbidden")
	String forbidden(HttpServletRequest request, HttpServletResponse response, Model model) {
		response.setStatus(403);
		model.addAttribute("staleForm", request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException);
		return "forbidden";
	}

	// --- usage plans ---

	@GetMapping("/ui/plans")
	String plans(@RequestParam(required = false) String page, Model model) {
		Page<UsagePlanRecord> result = this.plans.list(null, page, PAGE_SIZE);
		model.addAttribute("plans", result.items());
		model.addAttribute("next", result.position());
		return "plans";
	}

	@GetMapping("/ui/plans/new")
	String newPlan(Model model) {
		model.addAttribute("form", new PlanForm());
		model.addAttribute("errors", Map.of());
		return "plan-new";
	}

	@PostMapping("/ui/plans")
	String createPlan(@ModelAttribute("form") PlanForm form, Model model, Authentication user,
			RedirectAttributes flash) {
		Map<String, String> errors = new LinkedHashMap<>();
		UsagePlanService.NewPlan plan = form.toPlan(errors);
		if (plan != null) {
			try {
				UsagePlanRecord created = this.plans.create(plan, actor(user));
				flash.addFlashAttribute("notice", "Usage plan " + created.name() + " created.");
				return "redirect:/ui/plans/" + created.id();
			}
			catch (ApiException ex) {
				errors.put("form", ex.getMessage());
			}
		}
		model.addAttribute("errors", errors);
		return "plan-new";
	}

	@GetMapping("/ui/plans/{id}")
	String plan(@PathVariable String id, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, Model model) {
		UsagePlanRecord plan = this.plans.get(id);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", PlanForm.of(plan));
		}
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		model.addAttribute("plan", plan);
		List<UsagePlanService.PlanKey> members = this.plans.listKeys(id, null, null, 500).items();
		model.addAttribute("members", members);
		DateRange range = DateRange.of(from, to, this.clock);
		model.addAttribute("range", range);
		UsageService.Usage daily = this.usage.usage(id, null, range.from().toString(), range.to().toString(), null,
				500);
		List<Long> totals = new ArrayList<>();
		daily.values().values().forEach(days -> {
			for (int i = 0; i < days.size(); i++) {
				long used = days.get(i).get(0);
				if (totals.size() <= i) {
					totals.add(used);
				}
				else {
					totals.set(i, totals.get(i) + used);
				}
			}
		});
		while (totals.size() < range.days()) {
			totals.add(0L);
		}
		model.addAttribute("chart", UsageChart.of(range.from(), totals, null, null));
		return "plan";
	}

	@PostMapping("/ui/plans/{id}")
	String updatePlan(@PathVariable String id, @ModelAttribute("form") PlanForm form, Model model, Authentication user,
			RedirectAttributes flash) {
		Map<String, String> errors = new LinkedHashMap<>();
		UsagePlanService.NewPlan changes = form.toPlan(errors);
		if (changes != null) {
			try {
				this.plans.replace(id, changes, actor(user));
				flash.addFlashAttribute("notice", "Usage plan saved.");
				return "redirect:/ui/plans/" + id;
			}
			catch (ApiException ex) {
				errors.put("form", ex.getMessage());
			}
		}
		model.addAttribute("errors", errors);
		return plan(id, null, null, model);
	}

	@GetMapping("/ui/plans/{id}/delete")
	String confirmDeletePlan(@PathVariable String id, Model model) {
		return confirmDelete(model, "usage plan " + this.plans.get(id).name(),
				"Keys in it stop being accepted on its API stages.", "/ui/plans/" + id);
	}

	@PostMapping("/ui/plans/{id}/delete")
	String deletePlan(@PathVariable String id, Authentication user, RedirectAttributes flash) {
		UsagePlanRecord plan = this.plans.get(id);
		this.plans.delete(id, actor(user));
		flash.addFlashAttribute("notice", "Usage plan " + plan.name() + " deleted.");
		return "redirect:/ui/plans";
	}

	// --- API keys ---

	@GetMapping("/ui/keys")
	String keys(@RequestParam(required = false) String q, @RequestParam(required = false) String page, Model model,
			@RequestHeader(name = "HX-Request", required = false) String htmx) {
		Page<ApiKeyRecord> result = this.keys.search(q, page, PAGE_SIZE);
		model.addAttribute("keys", result.items());
		model.addAttribute("next", result.position());
		model.addAttribute("q", (q != null) ? q : "");
		model.addAttribute("now", this.clock.instant());
		return (htmx != null) ? "keys :: results" : "keys";
	}

	@GetMapping("/ui/keys/new")
	String newKey(Model model) {
		model.addAttribute("plans", this.plans.list(null, null, 500).items());
		model.addAttribute("errors", Map.of());
		return "key-new";
	}

	@PostMapping("/ui/keys")
	String createKey(@RequestParam String name, @RequestParam(required = false) String description,
			@RequestParam(required = false) String customerId, @RequestParam(required = false) String planId,
			Model model, Authentication user, HttpServletResponse response) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (name == null || name.isBlank()) {
			errors.put("name", "Give the key a name (a customer or an application).");
		}
		if (errors.isEmpty()) {
			try {
				ApiKeyService.KeyWithValue created = this.keys.create(new ApiKeyService.NewKey(name.trim(),
						blankToNull(description), true, null, blankToNull(customerId), List.of(), Map.of(), null),
						actor(user));
				if (planId != null && !planId.isBlank()) {
					try {
						this.plans.addKey(planId, created.key().id(), "API_KEY", actor(user));
					}
					catch (ApiException ex) {
						// The key exists now and its value must still be shown; the plan
						// can be added on its page.
						model.addAttribute("planError", "The key was created but not added to the usage plan: "
								+ ex.getMessage() + " Add it from the key's page.");
					}
				}
				return oneTimeValue(created, "created", model, response);
			}
			catch (ApiException ex) {
				errors.put("form", ex.getMessage());
			}
		}
		model.addAttribute("errors", errors);
		model.addAttribute("plans", this.plans.list(null, null, 500).items());
		return "key-new";
	}

	/** The page that shows a key's value, once: never cached, never shown again. */
	private static String oneTimeValue(ApiKeyService.KeyWithValue key, String what, Model model,
			HttpServletResponse response) {
		response.setHeader("Cache-Control", "no-store");
		model.addAttribute("key", key.key());
		model.addAttribute("value", key.value());
		model.addAttribute("what", what);
		return "key-value";
	}

	@GetMapping("/ui/keys/{id}")
	String key(@PathVariable String id, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, Model model) {
		ApiKeyRecord key = this.keys.get(id);
		model.addAttribute("key", key);
		model.addAttribute("now", this.clock.instant());
		List<UsagePlanRecord> memberOf = this.plans.list(id, null, 500).items();
		model.addAttribute("memberOf", memberOf);
		List<UsagePlanRecord> others = new ArrayList<>(this.plans.list(null, null, 500).items());
		others.removeIf(plan -> memberOf.stream().anyMatch(member -> member.id().equals(plan.id())));
		model.addAttribute("otherPlans", others);
		DateRange range = DateRange.of(from, to, this.clock);
		model.addAttribute("range", range);
		List<PlanUsage> usages = new ArrayList<>();
		String today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).toString();
		for (UsagePlanRecord plan : memberOf) {
			List<List<Long>> days = this.usage
				.usage(plan.id(), id, range.from().toString(), range.to().toString(), null, 1)
				.values()
				.getOrDefault(id, List.of());
			List<Long> used = days.stream().map(day -> day.get(0)).toList();
			List<List<Long>> now = this.usage.usage(plan.id(), id, today, today, null, 1)
				.values()
				.getOrDefault(id, List.of());
			Long remaining = (!now.isEmpty() && plan.quota() != null) ? now.get(0).get(1) : null;
			usages.add(new PlanUsage(plan, UsageChart.of(range.from(), used,
					(plan.quota() != null) ? plan.quota().limit() : null,
					(plan.quota() != null && plan.quota().period() != null) ? plan.quota().period().name() : null),
					remaining));
		}
		model.addAttribute("usages", usages);
		return "key";
	}

	/** A plan a key is in, with the key's usage chart and today's remaining quota. */
	record PlanUsage(UsagePlanRecord plan, UsageChart chart, Long remaining) {
	}

	@PostMapping("/ui/keys/{id}/enabled")
	String setEnabled(@PathVariable String id, @RequestParam boolean enabled, Authentication user,
			RedirectAttributes flash) {
		this.keys.update(id, List.of(new PatchOperation("replace", "/enabled", Boolean.toString(enabled), null)),
				actor(user));
		flash.addFlashAttribute("notice",
				enabled ? "Key enabled." : "Key disabled: requests with it are refused from now on.");
		return "redirect:/ui/keys/" + id;
	}

	@PostMapping("/ui/keys/{id}/expiry")
	String setExpiry(@PathVariable String id, @RequestParam(required = false) String expiresAt, Authentication user,
			RedirectAttributes flash) {
		PatchOperation operation;
		if (expiresAt == null || expiresAt.isBlank()) {
			operation = new PatchOperation("remove", "/expiresAt", null, null);
		}
		else {
			try {
				LocalDate day = LocalDate.parse(expiresAt.trim());
				operation = new PatchOperation("replace", "/expiresAt",
						Long.toString(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond()), null);
			}
			catch (DateTimeParseException ex) {
				flash.addFlashAttribute("expiryError", "Use a date such as 2027-01-31.");
				return "redirect:/ui/keys/" + id;
			}
		}
		try {
			this.keys.update(id, List.of(operation), actor(user));
			flash.addFlashAttribute("notice", (expiresAt == null || expiresAt.isBlank()) ? "Expiry removed."
					: "The key expires at the end of " + expiresAt.trim() + " (UTC).");
		}
		catch (ApiException ex) {
			flash.addFlashAttribute("expiryError", ex.getMessage());
		}
		return "redirect:/ui/keys/" + id;
	}

	@PostMapping("/ui/keys/{id}/rotate")
	String rotate(@PathVariable String id, @RequestParam(defaultValue = "24") String graceHours, Model model,
			Authentication user, HttpServletResponse response, RedirectAttributes flash) {
		long hours;
		try {
			hours = Long.parseLong(graceHours.trim());
			if (hours < 0 || hours > 24 * 30) {
				throw new NumberFormatException();
			}
		}
		catch (NumberFormatException ex) {
			flash.addFlashAttribute("rotateError", "The grace period is a number of hours from 0 to 720.");
			return "redirect:/ui/keys/" + id;
		}
		ApiKeyService.KeyWithValue rotated = this.keys.rotate(id, Duration.ofHours(hours), actor(user));
		model.addAttribute("graceHours", hours);
		return oneTimeValue(rotated, "rotated", model, response);
	}

	@PostMapping("/ui/keys/{id}/plans")
	String attach(@PathVariable String id, @RequestParam String planId, Authentication user, RedirectAttributes flash) {
		try {
			this.plans.addKey(planId, id, "API_KEY", actor(user));
			flash.addFlashAttribute("notice", "Key added to the usage plan.");
		}
		catch (ApiException ex) {
			flash.addFlashAttribute("planError", ex.getMessage());
		}
		return "redirect:/ui/keys/" + id;
	}

	@PostMapping("/ui/keys/{id}/plans/{planId}/remove")
	String detach(@PathVariable String id, @PathVariable String planId, Authentication user, RedirectAttributes flash) {
		this.plans.removeKey(planId, id, actor(user));
		flash.addFlashAttribute("notice", "Key removed from the usage plan.");
		return "redirect:/ui/keys/" + id;
	}

	@GetMapping("/ui/keys/{id}/delete")
	String confirmDeleteKey(@PathVariable String id, Model model) {
		return confirmDelete(model, "API key " + this.keys.get(id).name(),
				"Requests with it are refused from now on, and it cannot be restored.", "/ui/keys/" + id);
	}

	/**
	 * The confirmation page before deleting what {@code page} shows (the form posts to
	 * {@code page}/delete).
	 */
	private static String confirmDelete(Model model, String what, String consequence, String page) {
		model.addAttribute("what", what);
		model.addAttribute("consequence", consequence);
		model.addAttribute("action", page + "/delete");
		model.addAttribute("back", page);
		return "confirm";
	}

	@PostMapping("/ui/keys/{id}/delete")
	String deleteKey(@PathVariable String id, Authentication user, RedirectAttributes flash) {
		ApiKeyRecord key = this.keys.get(id);
		this.keys.delete(id, actor(user));
		flash.addFlashAttribute("notice", "API key " + key.name() + " deleted.");
		return "redirect:/ui/keys";
	}

	// --- audit ---

	@GetMapping("/ui/audit")
	String audit(Model model) {
		model.addAttribute("entries", this.audit.recent(200));
		return "audit";
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.trim();
	}

	/**
	 * The days a chart covers: {@code from}..{@code to} (UTC), the last 14 days by
	 * default, at most 90.
	 */
	record DateRange(LocalDate from, LocalDate to) {

		static DateRange of(String from, String to, Clock clock) {
			LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
			LocalDate end = parse(to, today);
			LocalDate start = parse(from, end.minusDays(DEFAULT_DAYS - 1L));
			if (start.isAfter(end)) {
				start = end;
			}
			if (start.isBefore(end.minusDays(89))) {
				start = end.minusDays(89);
			}
			return new DateRange(start, end);
		}

		private static LocalDate parse(String text, LocalDate fallback) {
			try {
				return (text == null || text.isBlank()) ? fallback : LocalDate.parse(text.trim());
			}
			catch (DateTimeParseException ex) {
				return fallback;
			}
		}

		int days() {
			return (int) (this.to.toEpochDay() - this.from.toEpochDay()) + 1;
		}

	}

}
