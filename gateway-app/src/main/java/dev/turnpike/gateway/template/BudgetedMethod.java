package dev.turnpike.gateway.template;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;

import org.apache.velocity.util.introspection.VelMethod;

/**
 * A method call from a template that counts against the rendering's budget: the deadline
 * is checked before the call, a {@code replace}/{@code concat} that could build more text
 * than the budget has left is refused before it allocates, and what a call returns (text,
 * a collection, an array) is spent from the budget. Without this,
 * {@code #set($s = $s.concat($s))} in a loop or {@code $s.replace("", $s)} builds
 * hundreds of megabytes between two checks of the time limit, although nothing is
 * inserted into the output.
 */
final class BudgetedMethod implements VelMethod {

	private final VelMethod method;

	BudgetedMethod(VelMethod method) {
		this.method = method;
	}

	@Override
	public Object invoke(Object object, Object[] params) throws IllegalAccessException, InvocationTargetException {
		RenderBudget budget = RenderBudget.current();
		if (budget == null) {
			return this.method.invoke(object, params);
		}
		budget.checkTime();
		budget.checkRoomFor(largestResult(object, params));
		int sizeBefore = sizeOf(object);
		Object result = this.method.invoke(object, params);
		// What the call returned, and what it added to a list or map it was called on
		// ($list.addAll($list)).
		budget.spend(sizeOf(result) + Math.max(0, sizeOf(object) - sizeBefore));
		return result;
	}

	/**
	 * The most a call can build or walk: a call on a collection or map may walk all its
	 * elements, and {@code addAll}/{@code putAll} add their argument's; {@code concat}
	 * adds its argument; {@code replace}, {@code replaceAll} and {@code replaceFirst}
	 * replace at most every position (n + 1 matches, an empty pattern) and a
	 * replacement's group references copy at most the whole text once each.
	 */
	private long largestResult(Object object, Object[] params) {
		if (object instanceof Collection<?> || object instanceof Map<?, ?>) {
			// toString, toArray, contains, equals... walk every element: a list larger
			// than the budget (a
			// [0..2000000000] range) is refused whatever is called on it.
			return Math.max(sizeOf(object), (params != null && params.length == 1) ? sizeOf(params[0]) : 0);
		}
		if (!(object instanceof String text) || params == null) {
			return 0;
		}
		long length = text.length();
		return switch (getMethodName()) {
			case "concat" -> (params.length == 1) ? length + lengthOf(params[0]) : 0;
			case "replace", "replaceAll", "replaceFirst" ->
				(params.length == 2) ? length + (length + 1) * (2 * lengthOf(params[1]) + 1) : 0;
			default -> 0;
		};
	}

	private static long lengthOf(Object value) {
		return (value instanceof CharSequence text) ? text.length() : 1;
	}

	private static int sizeOf(Object result) {
		if (result instanceof CharSequence text) {
			return text.length();
		}
		if (result instanceof Collection<?> collection) {
			return collection.size();
		}
		if (result instanceof Map<?, ?> map) {
			return map.size();
		}
		if (result != null && result.getClass().isArray()) {
			return java.lang.reflect.Array.getLength(result);
		}
		return 0;
	}

	@Override
	public boolean isCacheable() {
		return this.method.isCacheable();
	}

	@Override
	public String getMethodName() {
		return this.method.getMethodName();
	}

	@Override
	public Method getMethod() {
		return this.method.getMethod();
	}

	@Override
	public Class<?> getReturnType() {
		return this.method.getReturnType();
	}

}
