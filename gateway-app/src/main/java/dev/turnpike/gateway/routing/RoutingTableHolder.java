package dev.turnpike.gateway.routing;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.context.ApplicationEventPublisher;

import dev.turnpike.gateway.config.ConfigProblem;
import dev.turnpike.gateway.config.ConfigWatcher;
import dev.turnpike.gateway.config.InvalidConfigException;
import dev.turnpike.gateway.config.model.GatewayConfig;

/**
 * Holds the routing table in force and replaces it when a changed config repo loads. A
 * change that does not validate is refused: the error is logged with every problem,
 * counted, shown in health details, and the previous table keeps serving.
 */
public final class RoutingTableHolder implements Supplier<RoutingTable>, ConfigWatcher.Listener {

	private static final Log LOG = LogFactory.getLog(RoutingTableHolder.class);

	private final RouteCompiler compiler;

	private final ApplicationEventPublisher events;

	private final AtomicReference<RoutingTable> table = new AtomicReference<>(RoutingTable.EMPTY);

	private final Counter applied;

	private final Counter refused;

	private volatile GatewayConfig config;

	private volatile Instant loadedAt;

	private volatile InvalidConfigException lastRefusal;

	public RoutingTableHolder(RouteCompiler compiler, ApplicationEventPublisher events, MeterRegistry meters) {
		this.compiler = compiler;
		this.events = events;
		this.applied = Counter.builder("turnpike.config.reloads")
			.tag("result", "applied")
			.description("Config repo loads applied")
			.register(meters);
		this.refused = Counter.builder("turnpike.config.reloads")
			.tag("result", "refused")
			.description("Config repo changes refused because they did not validate")
			.register(meters);
	}

	@Override
	public RoutingTable get() {
		return this.table.get();
	}

	@Override
	public void loaded(GatewayConfig config, List<ConfigProblem> warnings) {
		RoutingTable compiled = this.compiler.compile(config);
		warnings.forEach(warning -> LOG.warn("Config warning: " + warning));
		this.table.set(compiled);
		this.config = config;
		this.loadedAt = Instant.now();
		this.lastRefusal = null;
		this.applied.increment();
		LOG.info("Serving config from " + config.root() + ": " + config.apis().size() + " API(s), "
				+ compiled.stageCount() + " stage(s), " + compiled.routes().size() + " route(s), "
				+ config.basePathMappings().size() + " base path mapping(s)");
		this.events.publishEvent(new RefreshRoutesEvent(this));
	}

	@Override
	public void refused(InvalidConfigException problems) {
		this.lastRefusal = problems;
		this.refused.increment();
		LOG.error("Config change refused; still serving the config loaded at " + this.loadedAt + ". "
				+ problems.getMessage());
	}

	public GatewayConfig config() {
		return this.config;
	}

	public Instant loadedAt() {
		return this.loadedAt;
	}

	/** The last refused change, or {@code null} when the latest change was applied. */
	public InvalidConfigException lastRefusal() {
		return this.lastRefusal;
	}

}
