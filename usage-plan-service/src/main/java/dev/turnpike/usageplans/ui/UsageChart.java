package dev.turnpike.usageplans.ui;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A daily usage chart as server-rendered SVG (no script, no external library, works
 * offline): one bar per day of requests used, and the quota as a line when there is one.
 * Built as text by this class; Thymeleaf inserts it unescaped, so every value in it is a
 * number or a date this class formats itself.
 *
 * @param svg the markup
 * @param total requests in the range
 * @param summary a sentence describing the chart, for screen readers and the page
 */
public record UsageChart(String svg, long total, String summary) {

	private static final int WIDTH = 640;

	private static final int HEIGHT = 200;

	private static final int LEFT = 44;

	private static final int BOTTOM = 24;

	/**
	 * @param start the first day
	 * @param used requests per day from {@code start}
	 * @param quota the quota per period, or {@code null}
	 */
	public static UsageChart of(LocalDate start, List<Long> used, Integer quota, String period) {
		long max = used.stream().mapToLong(Long::longValue).max().orElse(0);
		long top = Math.max(1, Math.max(max, (quota != null && "DAY".equals(period)) ? quota : 0));
		int days = Math.max(1, used.size());
		double slot = (double) (WIDTH - LEFT - 8) / days;
		double barWidth = Math.max(2, slot * 0.7);
		int plotHeight = HEIGHT - BOTTOM - 8;
		StringBuilder svg = new StringBuilder();
		long total = used.stream().mapToLong(Long::longValue).sum();
		String summary = String.format(Locale.ROOT, "%d %s from %s to %s%s.", total,
				(total == 1) ? "request" : "requests", start, start.plusDays(days - 1L),
				(quota != null) ? ", quota " + quota + " per " + period.toLowerCase(Locale.ROOT) : "");
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
			.append(WIDTH)
			.append(' ')
			.append(HEIGHT)
			.append("\" aria-label=\"")
			.append(summary)
			.append("\">");
		svg.append("<line class=\"axis\" x1=\"")
			.append(LEFT)
			.append("\" y1=\"")
			.append(HEIGHT - BOTTOM)
			.append("\" x2=\"")
			.append(WIDTH - 4)
			.append("\" y2=\"")
			.append(HEIGHT - BOTTOM)
			.append("\"/>");
		svg.append("<text class=\"tick\" x=\"")
			.append(LEFT - 6)
			.append("\" y=\"14\" text-anchor=\"end\">")
			.append(top)
			.append("</text>");
		svg.append("<text class=\"tick\" x=\"")
			.append(LEFT - 6)
			.append("\" y=\"")
			.append(HEIGHT - BOTTOM)
			.append("\" text-anchor=\"end\">0</text>");
		for (int i = 0; i < used.size(); i++) {
			long value = used.get(i);
			// Any use shows: a sliver of a bar and its number, even far below the quota
			// line.
			double height = (value > 0) ? Math.max(2, (double) value / top * plotHeight) : 0;
			double x = LEFT + 4 + i * slot;
			LocalDate day = start.plusDays(i);
			svg.append(String.format(Locale.ROOT,
					"<rect class=\"bar\" data-day=\"%s\" data-requests=\"%d\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
							+ "<title>%s: %d requests</title></rect>",
					day, value, x, HEIGHT - BOTTOM - height, barWidth, height, day, value));
			if (value > 0) {
				svg.append(String.format(Locale.ROOT,
						"<text class=\"value\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>",
						x + barWidth / 2, Math.max(12, HEIGHT - BOTTOM - height - 4), value));
			}
			if (days <= 16 || i % Math.max(1, days / 8) == 0) {
				svg.append(String.format(Locale.ROOT,
						"<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x + barWidth / 2,
						HEIGHT - 6, day.toString().substring(5)));
			}
		}
		if (quota != null && "DAY".equals(period)) {
			double y = HEIGHT - BOTTOM - (double) quota / top * plotHeight;
			svg.append(String.format(Locale.ROOT, "<line class=\"quota\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
					LEFT, y, WIDTH - 4, y));
		}
		svg.append("</svg>");
		return new UsageChart(svg.toString(), total, summary);
	}

}
