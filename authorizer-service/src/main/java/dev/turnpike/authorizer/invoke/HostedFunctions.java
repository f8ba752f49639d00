package dev.turnpike.authorizer.invoke;

import java.util.Map;

/**
 * A set of handler objects to host, by function name; every bean of this type
 * contributes. Handlers that are beans themselves ({@code RequestHandler} or
 * {@code RequestStreamHandler}) are hosted under their bean name without one.
 */
@FunctionalInterface
public interface HostedFunctions {

	Map<String, Object> handlers();

}
