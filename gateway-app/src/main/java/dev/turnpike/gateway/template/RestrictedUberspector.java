package dev.turnpike.gateway.template;

import java.util.Set;

import org.apache.velocity.util.introspection.Info;
import org.apache.velocity.util.introspection.SecureUberspector;
import org.apache.velocity.util.introspection.VelMethod;

/**
 * Velocity's secure introspection (no reflection, class loading, threads or system access
 * from templates), minus the few methods that would let one expression allocate without
 * bound or block; every other method call counts against the rendering's budget
 * ({@link BudgetedMethod}).
 */
public class RestrictedUberspector extends SecureUberspector {

	private static final Set<String> DENIED = Set.of("repeat", "wait", "notify", "notifyAll", "getClass",
			"ensureCapacity", "setLength", "nCopies");

	@Override
	public VelMethod getMethod(Object object, String methodName, Object[] args, Info info) {
		if (DENIED.contains(methodName)) {
			return null;
		}
		VelMethod method = super.getMethod(object, methodName, args, info);
		return (method != null) ? new BudgetedMethod(method) : null;
	}

}
