package dev.turnpike.usageplans.support;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

import dev.turnpike.test.redis.RealRedis;
import dev.turnpike.usageplans.UsagePlanServiceApplication;

/**
 * The usage-plan service started for a test on a random port against a real Redis, and
 * AWS SDK clients for it.
 */
public final class RunningUsagePlanService implements AutoCloseable {

	public static final String ACCESS_KEY_ID = "AKIDTESTADMIN";

	public static final String SECRET_ACCESS_KEY = "test-admin-secret-0123456789";

	public static final String HASH_SECRET = "test-hash-secret-0123456789abcdef0123456789";

	private final ConfigurableApplicationContext context;

	private RunningUsagePlanService(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public static RunningUsagePlanService start(RealRedis redis, String... properties) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("server.port", "0");
		settings.put("spring.data.redis.url", redis.url());
		settings.put("spring.data.redis.timeout", "2s");
		settings.put("turnpike.admin.access-key-id", ACCESS_KEY_ID);
		settings.put("turnpike.admin.secret-access-key", SECRET_ACCESS_KEY);
		settings.put("turnpike.api-keys.hash-secret", HASH_SECRET);
		settings.put("logging.level.root", "WARN");
		for (String property : properties) {
			int equals = property.indexOf('=');
			settings.put(property.substring(0, equals), property.substring(equals + 1));
		}
		String[] args = settings.entrySet()
			.stream()
			.map(e -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		return new RunningUsagePlanService(new SpringApplicationBuilder(UsagePlanServiceApplication.class).run(args));
	}

	public int port() {
		return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	public String baseUrl() {
		return "http://localhost:" + port();
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	/**
	 * The AWS SDK for Java v2 API Gateway client, signing with the admin key pair,
	 * pointed at this service.
	 */
	public ApiGatewayClient sdk() {
		return sdk(ACCESS_KEY_ID, SECRET_ACCESS_KEY);
	}

	public ApiGatewayClient sdk(String accessKeyId, String secretAccessKey) {
		return ApiGatewayClient.builder()
			.endpointOverride(URI.create(baseUrl()))
			.region(Region.US_EAST_1)
			.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
			.httpClient(ApacheHttpClient.create())
			.build();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
