package dev.turnpike.gateway.template;

import java.io.Writer;

/**
 * Collects a rendering's output, stopping it once it grows past the limit or runs past
 * the deadline.
 */
final class LimitedWriter extends Writer {

	private final StringBuilder out = new StringBuilder(256);

	private final int maxChars;

	private final RenderBudget budget;

	LimitedWriter(int maxChars, RenderBudget budget) {
		this.maxChars = maxChars;
		this.budget = budget;
	}

	@Override
	public void write(char[] chars, int offset, int length) {
		if (this.out.length() + length > this.maxChars) {
			throw new TemplateException(TemplateException.Reason.SIZE_LIMIT,
					"the template's output is larger than " + this.maxChars + " characters", null);
		}
		this.budget.checkTime();
		this.out.append(chars, offset, length);
	}

	@Override
	public void write(String text, int offset, int length) {
		if (this.out.length() + length > this.maxChars) {
			throw new TemplateException(TemplateException.Reason.SIZE_LIMIT,
					"the template's output is larger than " + this.maxChars + " characters", null);
		}
		this.budget.checkTime();
		this.out.append(text, offset, offset + length);
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
	}

	@Override
	public String toString() {
		return this.out.toString();
	}

}
