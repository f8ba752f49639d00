package dev.turnpike.gateway.support;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.turnpike.gateway.GatewayApplication;

/**
 * A real gateway for a test: the application started on random ports (API and management)
 * with a config repo directory of the test's own, stopped with {@link #close()}. Requests
 * go over real HTTP.
 */
public final class RunningGateway implements AutoCloseable {

	/**
	 * The test client speaks HTTP with the JDK's client, not Netty: every Netty buffer in
	 * a test then belongs to the gateway, so a leak the leak check reports is the
	 * gateway's.
	 */
	private static final JdkClientHttpConnector CONNECTOR = new JdkClientHttpConnector();

	/**
	 * A test client for any URL on this machine, speaking through the same JDK connector.
	 */
	public static WebTestClient.Builder testClient() {
		return WebTestClient.bindToServer(CONNECTOR).responseTimeout(Duration.ofSeconds(40));
	}

	private final ConfigurableApplicationContext context;

	private RunningGateway(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public static RunningGateway start(Path configRepo, String... properties) {
		return start(configRepo, null, properties);
	}

	/**
	 * Starts a gateway whose usage limits and key expiry use {@code clock} (when not
	 * null).
	 */
	public static RunningGateway start(Path configRepo, Clock clock, String... properties) {
		BlockingCalls.install();
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("server.port", "0");
		settings.put("management.server.port", "0");
		settings.put("turnpike.config.location", configRepo.toString());
		settings.put("turnpike.config.poll-interval", "100ms");
		settings.put("spring.lifecycle.timeout-per-shutdown-phase", "5s");
		settings.put("logging.level.root", "WARN");
		settings.put("logging.level.dev.turnpike", "INFO");
		// Shared 2-core machines pause; tests that want fast Redis failure stop Redis
		// instead.
		settings.put("turnpike.redis.command-timeout", "1s");
		for (String property : properties) {
			int equals = property.indexOf('=');
			settings.put(property.substring(0, equals), property.substring(equals + 1));
		}
		String[] args = settings.entrySet()
			.stream()
			.map(e -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		SpringApplicationBuilder builder = new SpringApplicationBuilder(GatewayApplication.class);
		if (clock != null) {
			builder.initializers(context -> context.getBeanFactory().registerSingleton("turnpikeClock", clock));
		}
		return new RunningGateway(builder.run(args));
	}

	public int port() {
		return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	public int managementPort() {
		return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.management.port"));
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	/** A client for the API port; set the {@code Host} header to address an API. */
	public WebTestClient client() {
		return WebTestClient.bindToServer(CONNECTOR).baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(40)).build();
	}

	/**
	 * A client for {@code <apiId>.execute-api.turnpike.test}, so paths are
	 * {@code /<stage>/<resource>}.
	 */
	public WebTestClient api(String apiId) {
		return WebTestClient.bindToServer(CONNECTOR)
			.baseUrl(baseUrl())
			.defaultHeader("Host", apiId + ".execute-api.turnpike.test")
			.responseTimeout(Duration.ofSeconds(40))
			.build();
	}

	public WebTestClient management() {
		return WebTestClient.bindToServer(CONNECTOR)
			.baseUrl("http://127.0.0.1:" + managementPort())
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

	@Override
	public void close() {
		this.context.close();
		BlockingCalls.assertNoneRecorded();
	}

}
