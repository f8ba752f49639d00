package dev.turnpike.gateway.template;

import org.apache.velocity.Template;

/** A parsed mapping template, rendered by {@link MappingTemplateEngine#render}. */
public final class CompiledTemplate {

	private final String name;

	private final String source;

	private final Template template;

	CompiledTemplate(String name, String source, Template template) {
		this.name = name;
		this.source = source;
		this.template = template;
	}

	public String name() {
		return this.name;
	}

	public String source() {
		return this.source;
	}

	Template velocityTemplate() {
		return this.template;
	}

	@Override
	public String toString() {
		return "template " + this.name;
	}

}
