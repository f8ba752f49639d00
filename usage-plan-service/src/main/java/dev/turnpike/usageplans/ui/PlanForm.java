package dev.turnpike.usageplans.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.turnpike.usageplans.core.ApiStage;
import dev.turnpike.usageplans.core.QuotaPeriod;
import dev.turnpike.usageplans.core.QuotaSettings;
import dev.turnpike.usageplans.core.ThrottleSettings;
import dev.turnpike.usageplans.core.UsagePlanRecord;
import dev.turnpike.usageplans.domain.UsagePlanService;

/**
 * The usage plan form as typed: text fields, checked field by field so each mistake is
 * shown next to its field. API stages are one per line, {@code api/stage}, optionally
 * followed by per-method throttles on the same line:
 * {@code petstore/prod /pets/GET=10/20 /pets/POST=1/2} (rate/burst).
 */
public final class PlanForm {

	private static final Pattern STAGE = Pattern.compile("([a-z0-9-]+)/([A-Za-z0-9_-]+)");

	private static final Pattern METHOD_THROTTLE = Pattern
		.compile("(/\\S*/(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|ANY|\\*))=(\\d+(?:\\.\\d+)?)/(\\d+)");

	private String name = "";

	private String description = "";

	private String rateLimit = "";

	private String burstLimit = "";

	private String quotaLimit = "";

	private String quotaPeriod = "";

	private String quotaOffset = "";

	private String stages = "";

	/** A form showing an existing plan. */
	public static PlanForm of(UsagePlanRecord plan) {
		PlanForm form = new PlanForm();
		form.name = plan.name();
		form.description = (plan.description() != null) ? plan.description() : "";
		if (plan.throttle() != null) {
			form.rateLimit = text(plan.throttle().rateLimit());
			form.burstLimit = text(plan.throttle().burstLimit());
		}
		if (plan.quota() != null) {
			form.quotaLimit = text(plan.quota().limit());
			form.quotaPeriod = (plan.quota().period() != null) ? plan.quota().period().name() : "";
			form.quotaOffset = text(plan.quota().offset());
		}
		List<String> lines = new ArrayList<>();
		for (ApiStage stage : plan.apiStages()) {
			StringBuilder line = new StringBuilder(stage.apiId()).append('/').append(stage.stage());
			stage.throttle()
				.forEach((method, throttle) -> line.append(' ')
					.append(method)
					.append('=')
					.append(text(throttle.rateLimit()))
					.append('/')
					.append(text(throttle.burstLimit())));
			lines.add(line.toString());
		}
		form.stages = String.join("\n", lines);
		return form;
	}

	private static String text(Number number) {
		if (number == null) {
			return "";
		}
		if (number instanceof Double value && value == Math.rint(value)) {
			return Long.toString(value.longValue());
		}
		return number.toString();
	}

	/**
	 * The plan the form describes; each problem goes into {@code errors} under its field
	 * name.
	 * @return {@code null} when there are errors
	 */
	public UsagePlanService.NewPlan toPlan(Map<String, String> errors) {
		if (this.name.isBlank()) {
			errors.put("name", "Give the plan a name.");
		}
		Double rate = decimal(this.rateLimit, "rateLimit", errors);
		Integer burst = integer(this.burstLimit, "burstLimit", errors);
		if ((rate == null) != (burst == null) && !errors.containsKey("rateLimit")
				&& !errors.containsKey("burstLimit")) {
			errors.put((rate == null) ? "rateLimit" : "burstLimit", "Set both the rate and the burst, or neither.");
		}
		if (rate != null && burst != null && burst < rate) {
			errors.put("burstLimit", "The burst must be at least the rate (" + text(rate) + ").");
		}
		Integer limit = integer(this.quotaLimit, "quotaLimit", errors);
		Integer offset = integer(this.quotaOffset, "quotaOffset", errors);
		QuotaPeriod period = null;
		if (!this.quotaPeriod.isBlank()) {
			try {
				period = QuotaPeriod.valueOf(this.quotaPeriod.trim().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				errors.put("quotaPeriod", "Choose a day, a week or a month.");
			}
		}
		if (limit != null && period == null && !errors.containsKey("quotaPeriod")) {
			errors.put("quotaPeriod", "A quota needs a period.");
		}
		if (limit == null && period != null && !errors.containsKey("quotaLimit")) {
			errors.put("quotaLimit", "Set how many requests the period allows.");
		}
		List<ApiStage> apiStages = parseStages(errors);
		if (!errors.isEmpty()) {
			return null;
		}
		return new UsagePlanService.NewPlan(this.name.trim(),
				this.description.isBlank() ? null : this.description.trim(), apiStages,
				(rate != null) ? new ThrottleSettings(rate, burst) : null,
				(limit != null) ? new QuotaSettings(limit, offset, period) : null, Map.of());
	}

	private List<ApiStage> parseStages(Map<String, String> errors) {
		List<ApiStage> apiStages = new ArrayList<>();
		int number = 0;
		for (String raw : this.stages.split("\\R")) {
			number++;
			String line = raw.trim();
			if (line.isEmpty()) {
				continue;
			}
			String[] parts = line.split("\\s+");
			Matcher stage = STAGE.matcher(parts[0]);
			if (!stage.matches()) {
				errors.put("stages",
						"Line " + number + ": '" + parts[0] + "' is not api-id/stage (for example petstore/prod).");
				return List.of();
			}
			Map<String, ThrottleSettings> methods = new LinkedHashMap<>();
			for (int i = 1; i < parts.length; i++) {
				Matcher method = METHOD_THROTTLE.matcher(parts[i]);
				if (!method.matches()) {
					errors.put("stages", "Line " + number + ": '" + parts[i]
							+ "' is not a method throttle (for example /pets/GET=10/20, rate/burst).");
					return List.of();
				}
				methods.put(method.group(1),
						new ThrottleSettings(Double.parseDouble(method.group(2)), Integer.parseInt(method.group(3))));
			}
			apiStages.add(new ApiStage(stage.group(1), stage.group(2), methods));
		}
		return apiStages;
	}

	private static Double decimal(String text, String field, Map<String, String> errors) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			double value = Double.parseDouble(text.trim());
			if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
				errors.put(field, "Use a number of zero or more.");
				return null;
			}
			return value;
		}
		catch (NumberFormatException ex) {
			errors.put(field, "'" + text + "' is not a number.");
			return null;
		}
	}

	private static Integer integer(String text, String field, Map<String, String> errors) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			int value = Integer.parseInt(text.trim());
			if (value < 0) {
				errors.put(field, "Use a whole number of zero or more.");
				return null;
			}
			return value;
		}
		catch (NumberFormatException ex) {
			errors.put(field, "'" + text + "' is not a whole number.");
			return null;
		}
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = (name != null) ? name : "";
	}

	public String getDescription() {
		return this.description;
	}

	public void setDescription(String description) {
		this.description = (description != null) ? description : "";
	}

	public String getRateLimit() {
		return this.rateLimit;
	}

	public void setRateLimit(String rateLimit) {
		this.rateLimit = (rateLimit != null) ? rateLimit : "";
	}

	public String getBurstLimit() {
		return this.burstLimit;
	}

	public void setBurstLimit(String burstLimit) {
		this.burstLimit = (burstLimit != null) ? burstLimit : "";
	}

	public String getQuotaLimit() {
		return this.quotaLimit;
	}

	public void setQuotaLimit(String quotaLimit) {
		this.quotaLimit = (quotaLimit != null) ? quotaLimit : "";
	}

	public String getQuotaPeriod() {
		return this.quotaPeriod;
	}

	public void setQuotaPeriod(String quotaPeriod) {
		this.quotaPeriod = (quotaPeriod != null) ? quotaPeriod : "";
	}

	public String getQuotaOffset() {
		return this.quotaOffset;
	}

	public void setQuotaOffset(String quotaOffset) {
		this.quotaOffset = (quotaOffset != null) ? quotaOffset : "";
	}

	public String getStages() {
		return this.stages;
	}

	public void setStages(String stages) {
		this.stages = (stages != null) ? stages : "";
	}

}
