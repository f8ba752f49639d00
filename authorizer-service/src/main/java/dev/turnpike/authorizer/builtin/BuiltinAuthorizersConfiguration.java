package dev.turnpike.authorizer.builtin;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.turnpike.authorizer.invoke.HostedFunctions;

/**
 * Turns {@code turnpike.authorizers.*} into hosted functions, one per configured name.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BuiltinAuthorizersProperties.class)
public class BuiltinAuthorizersConfiguration {

	@Bean
	HostedFunctions builtinAuthorizers(BuiltinAuthorizersProperties properties, ObjectProvider<Clock> clock) {
		Map<String, Object> handlers = new LinkedHashMap<>();
		properties.introspection()
			.forEach((name, settings) -> handlers.put(name, new IntrospectionAuthorizer(name, settings)));
		properties.signedRequests()
			.forEach((name, settings) -> put(handlers, name,
					new SignedRequestAuthorizer(name, settings, clock.getIfAvailable(Clock::systemUTC))));
		properties.staticRules()
			.forEach((name, settings) -> put(handlers, name, new StaticRulesAuthorizer(name, settings)));
		return () -> handlers;
	}

	private static void put(Map<String, Object> handlers, String name, Object handler) {
		if (handlers.putIfAbsent(name, handler) != null) {
			throw new IllegalStateException("turnpike.authorizers: two built-in authorizers are named '" + name + "'");
		}
	}

}
