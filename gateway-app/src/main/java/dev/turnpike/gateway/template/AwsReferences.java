package dev.turnpike.gateway.template;

import java.util.Collection;
import java.util.Map;

import org.apache.velocity.app.event.InvalidReferenceEventHandler;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.Context;
import org.apache.velocity.util.introspection.Info;

/**
 * References the way API Gateway's VTL treats them, unlike stock Velocity: a null or
 * undefined reference is the empty string (it renders as nothing and
 * {@code $missing == ""} holds), and every insertion counts against the rendering's
 * budget.
 */
final class AwsReferences implements InvalidReferenceEventHandler, ReferenceInsertionEventHandler {

	@Override
	public Object invalidGetMethod(Context context, String reference, Object object, String property, Info info) {
		return "";
	}

	@Override
	public boolean invalidSetMethod(Context context, String leftReference, String rightReference, Info info) {
		return false;
	}

	@Override
	public Object invalidMethod(Context context, String reference, Object object, String method, Info info) {
		return "";
	}

	@Override
	public Object referenceInsert(Context context, String reference, Object value) {
		RenderBudget budget = RenderBudget.current();
		if (value == null) {
			return "";
		}
		if (budget != null) {
			budget.checkTime();
			if (value instanceof CharSequence text) {
				budget.spend(text.length());
			}
			else if (value instanceof Collection<?> collection) {
				// Its text has at least a character per element: refuse a huge (lazy)
				// range before building it.
				budget.checkRoomFor(collection.size());
			}
			else if (value instanceof Map<?, ?> map) {
				budget.checkRoomFor(map.size());
			}
		}
		return value;
	}

}
