package dev.turnpike.gateway.template;

import java.io.StringReader;
import java.util.Map;
import java.util.Properties;

import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.exception.ParseErrorException;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.resource.loader.StringResourceLoader;

/**
 * Mapping templates in VTL, rendered with Apache Velocity the way API Gateway renders
 * them: null references are quiet and equal to {@code ""}, whitespace is handled as
 * Velocity 1.7 did, {@code #foreach} stops at 1000 iterations, and templates cannot reach
 * Java beyond the values they are given. Templates are compiled once (at config load);
 * each rendering is bounded in time and output, and a template that exceeds either fails
 * with a {@link TemplateException} instead of holding the worker.
 */
public final class MappingTemplateEngine {

	private final RuntimeInstance velocity;

	private final TemplateLimits limits;

	public MappingTemplateEngine(TemplateLimits limits) {
		this.limits = limits;
		Properties properties = new Properties();
		// Velocity 1.7 (what API Gateway runs): its whitespace handling, and '-' allowed
		// in names ($context.requestOverride.header.X-Id)
		properties.setProperty(RuntimeConstants.SPACE_GOBBLING, "bc");
		properties.setProperty(RuntimeConstants.PARSER_HYPHEN_ALLOWED, "true");
		properties.setProperty(RuntimeConstants.MAX_NUMBER_LOOPS, Integer.toString(limits.maxLoops()));
		properties.setProperty(RuntimeConstants.CUSTOM_DIRECTIVES, GuardedForeach.class.getName());
		properties.setProperty(RuntimeConstants.UBERSPECT_CLASSNAME, RestrictedUberspector.class.getName());
		properties.setProperty(RuntimeConstants.EVENTHANDLER_INVALIDREFERENCES_NULL, "true");
		properties.setProperty(RuntimeConstants.EVENTHANDLER_INVALIDREFERENCES_QUIET, "true");
		properties.setProperty(RuntimeConstants.EVENTHANDLER_INVALIDREFERENCES_TESTED, "true");
		properties.setProperty(RuntimeConstants.RUNTIME_LOG_REFERENCE_LOG_INVALID, "false");
		properties.setProperty(RuntimeConstants.VM_MAX_DEPTH, "20");
		// #parse and #include find nothing: an empty in-memory repository instead of the
		// default file loader.
		properties.setProperty(RuntimeConstants.RESOURCE_LOADERS, "string");
		properties.setProperty("resource.loader.string.class", StringResourceLoader.class.getName());
		properties.setProperty("resource.loader.string.repository.name", MappingTemplateEngine.class.getName());
		this.velocity = new RuntimeInstance();
		this.velocity.init(properties);
	}

	public TemplateLimits limits() {
		return this.limits;
	}

	/**
	 * Parses a template.
	 * @param name where it comes from, for messages
	 * @throws TemplateException ({@code SYNTAX}) with the line and column of the problem
	 */
	public CompiledTemplate compile(String source, String name) {
		if (source.length() > this.limits.maxTemplateChars()) {
			throw new TemplateException(TemplateException.Reason.SYNTAX,
					"the template is larger than " + this.limits.maxTemplateChars() + " characters", null);
		}
		Template template = new Template();
		template.setName(name);
		template.setRuntimeServices(this.velocity);
		try {
			template.setData(this.velocity.parse(new StringReader(source), template));
			template.initDocument();
		}
		catch (ParseException | ParseErrorException ex) {
			throw new TemplateException(TemplateException.Reason.SYNTAX, syntaxMessage(ex.getMessage(), name), ex);
		}
		catch (VelocityException ex) {
			throw new TemplateException(TemplateException.Reason.SYNTAX, syntaxMessage(ex.getMessage(), name), ex);
		}
		return new CompiledTemplate(name, source, template);
	}

	/**
	 * Renders {@code template} with {@code variables} ({@code input}, {@code util} is
	 * added, {@code context}, {@code stageVariables}).
	 * @throws TemplateException when it runs too long, produces too much, sets an
	 * override twice, or fails
	 */
	public String render(CompiledTemplate template, Map<String, Object> variables) {
		VelocityContext context = new VelocityContext();
		variables.forEach(context::put);
		context.put("util", UtilVariable.INSTANCE);
		EventCartridge events = new EventCartridge();
		AwsReferences references = new AwsReferences();
		events.addEventHandler(references);
		events.attachToContext(context);
		RenderBudget budget = RenderBudget.start(this.limits);
		LimitedWriter out = new LimitedWriter(this.limits.maxOutputChars(), budget);
		try {
			template.velocityTemplate().merge(context, out);
			return out.toString();
		}
		catch (RuntimeException ex) {
			throw classify(ex, template);
		}
		catch (StackOverflowError ex) {
			throw new TemplateException(TemplateException.Reason.RENDERING, template.name() + ": recursion too deep",
					null);
		}
		finally {
			RenderBudget.end();
		}
	}

	private static TemplateException classify(RuntimeException failure, CompiledTemplate template) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TemplateException known) {
				return known;
			}
		}
		return new TemplateException(TemplateException.Reason.RENDERING,
				template.name() + ": " + firstLine(String.valueOf(failure.getMessage())), failure);
	}

	/**
	 * Velocity's "... at name[line 1, column 9]" as "... (line 1, column 9)": the caller
	 * names the template.
	 */
	private static String syntaxMessage(String message, String name) {
		String line = firstLine(message);
		int at = line.lastIndexOf(" at " + name + "[");
		if (at >= 0 && line.endsWith("]")) {
			return line.substring(0, at) + " (" + line.substring(at + name.length() + 5, line.length() - 1) + ")";
		}
		return line;
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "invalid template";
		}
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline) : message;
	}

}
