package dev.turnpike.gateway.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.turnpike.gateway.GatewayApplication;

/**
 * A real gateway for a test: the application started on random ports (API and management) with a config repo
 * directory of the test's own, stopped with {@link #close()}. Requests go over real HTTP.
 */
public final class RunningGateway implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private RunningGateway(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public static RunningGateway start(Path configRepo, String... properties) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--turnpike.config.location=" + configRepo, "--turnpike.config.poll-interval=100ms",
				"--spring.main.banner-mode=off", "--logging.level.root=WARN", "--logging.level.dev.turnpike=INFO"));
		for (String property : properties) {
			args.add("--" + property);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
			.run(args.toArray(String[]::new));
		return new RunningGateway(context);
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
		return WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(40)).build();
	}

	/** A client for {@code <apiId>.execute-api.turnpike.test}, so paths are {@code /<stage>/<resource>}. */
	public WebTestClient api(String apiId) {
		return WebTestClient.bindToServer()
			.baseUrl(baseUrl())
			.defaultHeader("Host", apiId + ".execute-api.turnpike.test")
			.responseTimeout(Duration.ofSeconds(40))
			.build();
	}

	public WebTestClient management() {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + managementPort())
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
