package dev.turnpike.gateway.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.turnpike.gateway.TurnpikeProperties;
import dev.turnpike.gateway.config.ConfigRepositoryLoader;
import dev.turnpike.gateway.config.ConfigWatcher;
import dev.turnpike.gateway.template.MappingTemplateEngine;

/** Wires loading, watching and routing of the config repo. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

	/**
	 * Every feature's filters come from the {@link RouteFilterContributor} beans its
	 * configuration declares.
	 */
	@Bean
	RouteCompiler routeCompiler(ObjectProvider<RouteFilterContributor> contributors,
			ObjectProvider<StageGate.Contributor> gates, ObjectProvider<ObservationRegistry> observations) {
		return new RouteCompiler(contributors.orderedStream().toList(), gates.orderedStream().toList(),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Bean
	RoutingTableHolder routingTableHolder(RouteCompiler compiler, ApplicationEventPublisher events,
			ObjectProvider<MeterRegistry> meters) {
		return new RoutingTableHolder(compiler, events,
				meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
	}

	/**
	 * Loads the config repo before the server starts (a broken one stops startup) and
	 * watches it.
	 */
	@Bean(destroyMethod = "close")
	ConfigWatcher configWatcher(TurnpikeProperties properties, RoutingTableHolder holder,
			MappingTemplateEngine templates) {
		ConfigRepositoryLoader loader = new ConfigRepositoryLoader(properties.loaderSettings(templates));
		ConfigWatcher watcher = new ConfigWatcher(properties.config().location(), loader, holder);
		watcher.loadInitial();
		if (properties.config().watch()) {
			watcher.start(properties.config().pollInterval());
		}
		return watcher;
	}

	@Bean
	MappingTemplateEngine mappingTemplateEngine(TurnpikeProperties properties) {
		return new MappingTemplateEngine(properties.templates().limits());
	}

	@Bean
	ApiRouter apiRouter(RoutingTableHolder holder, ConfigWatcher loadedFirst) {
		return new ApiRouter(holder);
	}

	@Bean
	ApiRoutingWebFilter apiRoutingWebFilter(ApiRouter router, FilteringWebHandler webHandler,
			ApplicationContext applicationContext) {
		return new ApiRoutingWebFilter(router, webHandler, applicationContext);
	}

	@Bean
	ApiRouteLocator apiRouteLocator(RoutingTableHolder holder) {
		return new ApiRouteLocator(holder);
	}

	/**
	 * Readiness includes this: up once a config is loaded; a refused change is shown but
	 * keeps it up.
	 */
	@Bean
	HealthIndicator configHealthIndicator(RoutingTableHolder holder) {
		return () -> {
			if (holder.config() == null) {
				return Health.down().withDetail("config", "not loaded").build();
			}
			Health.Builder health = Health.up()
				.withDetail("location", holder.config().root().toString())
				.withDetail("apis", holder.config().apis().size())
				.withDetail("stages", holder.config().stageCount())
				.withDetail("loadedAt", holder.loadedAt().toString());
			if (holder.lastRefusal() != null) {
				health.withDetail("lastRefusedChange",
						holder.lastRefusal().problems().stream().map(Object::toString).toList());
			}
			return health.build();
		};
	}

}
