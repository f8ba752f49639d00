package dev.turnpike.gateway.template;

import java.io.IOException;
import java.io.Writer;

import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.runtime.directive.Foreach;
import org.apache.velocity.runtime.parser.node.Node;

/**
 * {@code #foreach} that checks the rendering's deadline before each iteration, so nested
 * loops cannot keep a worker busy past the time limit (the iteration cap alone allows
 * 1000 to the power of the nesting depth).
 */
public class GuardedForeach extends Foreach {

	@Override
	protected void renderBlock(InternalContextAdapter context, Writer writer, Node node) throws IOException {
		RenderBudget budget = RenderBudget.current();
		if (budget != null) {
			budget.checkTime();
		}
		super.renderBlock(context, writer, node);
	}

}
