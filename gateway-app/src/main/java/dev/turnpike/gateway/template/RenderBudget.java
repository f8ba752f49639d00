package dev.turnpike.gateway.template;

/**
 * The limits of the rendering running on this thread: a deadline, and a budget of
 * characters that references may insert or method calls may build. Checked by the guarded
 * {@code #foreach}, by reference insertion, by method calls ({@link BudgetedMethod}) and
 * by the output writer.
 */
final class RenderBudget {

	private static final ThreadLocal<RenderBudget> CURRENT = new ThreadLocal<>();

	private final long deadlineNanos;

	private final long maxRenderMillis;

	private long insertableChars;

	private RenderBudget(long maxRenderMillis, long insertableChars) {
		this.maxRenderMillis = maxRenderMillis;
		this.deadlineNanos = System.nanoTime() + maxRenderMillis * 1_000_000L;
		this.insertableChars = insertableChars;
	}

	static RenderBudget start(TemplateLimits limits) {
		RenderBudget budget = new RenderBudget(limits.maxRenderTime().toMillis(), 4L * limits.maxOutputChars());
		CURRENT.set(budget);
		return budget;
	}

	static void end() {
		CURRENT.remove();
	}

	/** The budget of the rendering on this thread, or {@code null} outside one. */
	static RenderBudget current() {
		return CURRENT.get();
	}

	void checkTime() {
		if (System.nanoTime() > this.deadlineNanos) {
			throw new TemplateException(TemplateException.Reason.TIME_LIMIT,
					"the template ran longer than " + this.maxRenderMillis + " ms", null);
		}
	}

	/** Refuses, before it is built, text larger than what the budget has left. */
	void checkRoomFor(long chars) {
		if (chars > this.insertableChars) {
			throw new TemplateException(TemplateException.Reason.SIZE_LIMIT, "the template built too much text", null);
		}
	}

	void spend(int chars) {
		this.insertableChars -= chars;
		if (this.insertableChars < 0) {
			throw new TemplateException(TemplateException.Reason.SIZE_LIMIT, "the template built too much text", null);
		}
	}

}
