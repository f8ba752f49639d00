package dev.turnpike.usageplans.hardening;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetApiKeyResponse;

import dev.turnpike.test.hardening.HardeningFigures;
import dev.turnpike.test.process.JarProcess;
import dev.turnpike.test.redis.RealRedis;
import dev.turnpike.test.redis.RedisExtension;
import dev.turnpike.usageplans.support.RunningUsagePlanService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged usage-plan service killed with {@code kill -9} while an AWS SDK client
 * creates keys in a loop, then restarted on the same Redis: every key whose creation the
 * service acknowledged is still there. Redis stays up (losing Redis's own data is a
 * matter of its persistence settings); what this proves is that the service answers only
 * after Redis has the write, never from something held in its own memory.
 */
class KilledDuringWritesIT {

	private static final HardeningFigures FIGURES = HardeningFigures.suite("faults-usage-plan-service");

	private RealRedis redis;

	private JarProcess service;

	@AfterEach
	void stop() {
		if (this.service != null) {
			this.service.close();
		}
		if (this.redis != null) {
			this.redis.close();
		}
		FIGURES.write();
	}

	private JarProcess startService(int port) {
		return JarProcess
			.start("usage-plan-service-killed", JarProcess.moduleJar("usage-plan-service"),
					List.of("--server.port=" + port, "--spring.data.redis.url=" + this.redis.url(),
							"--turnpike.admin.access-key-id=" + RunningUsagePlanService.ACCESS_KEY_ID,
							"--turnpike.admin.secret-access-key=" + RunningUsagePlanService.SECRET_ACCESS_KEY,
							"--turnpike.api-keys.hash-secret=" + RunningUsagePlanService.HASH_SECRET,
							"--logging.level.root=WARN"))
			.awaitReady("http://127.0.0.1:" + port + "/actuator/health/readiness", Duration.ofSeconds(90));
	}

	/**
	 * A client that never retries, so an acknowledgement is the answer to exactly one
	 * attempt.
	 */
	private static ApiGatewayClient sdk(int port) {
		return ApiGatewayClient.builder()
			.endpointOverride(URI.create("http://127.0.0.1:" + port))
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials
				.create(RunningUsagePlanService.ACCESS_KEY_ID, RunningUsagePlanService.SECRET_ACCESS_KEY)))
			.overrideConfiguration(config -> config.retryStrategy(builder -> builder.maxAttempts(1))
				.apiCallTimeout(Duration.ofSeconds(10)))
			.httpClient(ApacheHttpClient.create())
			.build();
	}

	@Test
	void serviceKilledWhileCreatingKeysThenEveryAcknowledgedKeySurvivesTheRestart() throws Exception {
		this.redis = RedisExtension.isolated();
		int port = JarProcess.freePort();
		this.service = startService(port);
		ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
		AtomicInteger attempts = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		AtomicBoolean running = new AtomicBoolean(true);
		try (ApiGatewayClient sdk = sdk(port)) {
			Thread writer = new Thread(() -> {
				while (running.get() && attempts.get() < 2_000) {
					int n = attempts.incrementAndGet();
					try {
						acknowledged.add(sdk.createApiKey(b -> b.name("key-" + n).enabled(true)).id());
					}
					catch (RuntimeException ex) {
						failures.incrementAndGet();
					}
				}
			}, "key-writer");
			writer.start();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (acknowledged.size() < 40 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			this.service.kill();
			FIGURES.add("faults-injected", 1);
			Thread.sleep(300);
			running.set(false);
			writer.join(15_000);
		}
		FIGURES.add("requests", attempts.get());
		FIGURES.add("acknowledged-writes", acknowledged.size());
		assertThat(acknowledged).as("keys created before the kill").hasSizeGreaterThanOrEqualTo(40);
		assertThat(failures.get()).as("writes refused once the service was gone").isPositive();

		this.service = startService(port);
		int lost = 0;
		try (ApiGatewayClient sdk = sdk(port)) {
			for (String id : acknowledged) {
				try {
					GetApiKeyResponse key = sdk.getApiKey(b -> b.apiKey(id));
					assertThat(key.name()).startsWith("key-");
				}
				catch (software.amazon.awssdk.services.apigateway.model.NotFoundException ex) {
					lost++;
				}
			}
		}
		FIGURES.add("lost-acknowledged-writes", lost);
		assertThat(lost).as("acknowledged keys missing after kill -9 and restart").isZero();
		FIGURES.add("faults-survived", 1);
	}

}
