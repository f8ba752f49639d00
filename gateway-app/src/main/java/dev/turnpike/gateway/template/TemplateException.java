package dev.turnpike.gateway.template;

/**
 * A mapping template that cannot be compiled (at config load) or rendered (for one
 * request).
 */
public class TemplateException extends RuntimeException {

	/** Why a rendering failed. */
	public enum Reason {

		/** The template does not parse. */
		SYNTAX,
		/** It ran longer than allowed. */
		TIME_LIMIT,
		/** It produced (or built) more than allowed. */
		SIZE_LIMIT,
		/** It set the same override twice. */
		OVERRIDE_TWICE,
		/** Anything else that went wrong while rendering. */
		RENDERING

	}

	private final Reason reason;

	public TemplateException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

}
