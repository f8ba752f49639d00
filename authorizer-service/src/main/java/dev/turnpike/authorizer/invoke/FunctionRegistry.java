package dev.turnpike.authorizer.invoke;

import java.lang.reflect.InvocationTargetException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Every hosted function by name. Names follow Lambda's rules (letters, digits, hyphens
 * and underscores, at most 64), and two functions with one name fail the start naming
 * both.
 */
public final class FunctionRegistry {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final Map<String, LambdaFunction> functions = new TreeMap<>();

	public FunctionRegistry register(String name, Object handler, String origin) {
		if (!NAME.matcher(name).matches()) {
			throw new IllegalStateException(origin + ": '" + name
					+ "' is not a valid function name (letters, digits, '-' and '_', at most 64)");
		}
		LambdaFunction existing = this.functions.get(name);
		if (existing != null) {
			throw new IllegalStateException(
					origin + ": a function named '" + name + "' is already hosted (" + existing.handlerClass() + ")");
		}
		try {
			this.functions.put(name, LambdaFunction.of(name, handler));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(origin + ": " + ex.getMessage(), ex);
		}
		return this;
	}

	/**
	 * Instantiates a handler class the way Lambda does: by name, through its public
	 * no-argument constructor.
	 */
	public FunctionRegistry registerClass(String name, String className, String origin) {
		Object handler;
		try {
			Class<?> type = Class.forName(className, true, FunctionRegistry.class.getClassLoader());
			handler = type.getConstructor().newInstance();
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(origin + ": handler class " + className + " is not on the classpath", ex);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(origin + ": " + className + " has no public no-argument constructor", ex);
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException(origin + ": constructing " + className + " failed: " + ex.getCause(),
					ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(origin + ": cannot construct " + className + ": " + ex, ex);
		}
		return register(name, handler, origin);
	}

	public LambdaFunction find(String name) {
		return this.functions.get(name);
	}

	public Collection<LambdaFunction> all() {
		return this.functions.values();
	}

}
