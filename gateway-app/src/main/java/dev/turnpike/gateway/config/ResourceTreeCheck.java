package dev.turnpike.gateway.config;

import java.util.Collection;

import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.ApiMethod;
import dev.turnpike.gateway.resource.ResourceTree;

/**
 * Builds each API's resource tree once at load, so conflicting resources (two differently
 * named variable siblings, a greedy variable that is not last) fail validation instead of
 * surprising at request time.
 */
final class ResourceTreeCheck {

	private final Problems problems;

	ResourceTreeCheck(Problems problems) {
		this.problems = problems;
	}

	void check(Collection<Api> apis) {
		for (Api api : apis) {
			ResourceTree<ApiMethod> tree = new ResourceTree<>();
			for (ApiMethod method : api.methods()) {
				if (method.isDefaultRoute()) {
					continue;
				}
				try {
					tree.add(method.resourcePath(), method.httpMethod(), method);
				}
				catch (IllegalArgumentException ex) {
					this.problems.error(api.file(), method.location(), ex.getMessage());
				}
			}
		}
	}

}
