package dev.turnpike.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the README promises a new user: the one command starts the whole platform from the
 * built jars, a request through the sample API answers 200, a wrong path answers 403
 * Missing Authentication Token, and stopping the command stops every process it started.
 * Runs on shifted ports so it does not collide with a local run.
 */
class LocalPlatformIT {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	@TempDir
	Path configRepo;

	@Test
	void oneCommandStartsThePlatformServesTheSampleApiAndStopsEverything() throws Exception {
		int offset = freeOffset();
		LocalPlatform.Ports ports = LocalPlatform.Ports.withOffset(offset);
		copySampleConfigRepo(ports);
		Process platform = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
				ROOT.resolve("local-run/target/local-run.jar").toString(), "--port-offset=" + offset,
				"--config-repo=" + this.configRepo)
			.directory(ROOT.toFile())
			.redirectErrorStream(true)
			.start();
		List<String> output = new ArrayList<>();
		CompletableFuture<Void> started = readUntilRunning(platform, output);
		try {
			started.get(180, TimeUnit.SECONDS);
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

			HttpResponse<String> pets = get(client, "http://localhost:" + ports.gateway() + "/petstore/pets");
			assertThat(pets.statusCode()).isEqualTo(200);
			assertThat(pets.body()).contains("\"type\":\"dog\"");
			assertThat(pets.headers().firstValue("X-Served-By")).hasValue("petstore-prod");
			assertThat(pets.headers().firstValue("x-amzn-RequestId")).isPresent();

			HttpResponse<String> wrong = get(client, "http://localhost:" + ports.gateway() + "/status/nope");
			assertThat(wrong.statusCode()).isEqualTo(403);
			assertThat(wrong.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");

			// The sample's DELETE is guarded by a Lambda-style authorizer hosted in the
			// authorizer service.
			String pet = "http://localhost:" + ports.gateway() + "/petstore/pets/2";
			HttpResponse<String> anonymous = delete(client, pet, null);
			assertThat(anonymous.statusCode()).isEqualTo(401);
			assertThat(anonymous.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
			assertThat(delete(client, pet, "Bearer wrong-token").statusCode()).isEqualTo(401);
			HttpResponse<String> deleted = delete(client, pet, "Bearer " + LocalPlatform.LOCAL_ADMIN_TOKEN);
			assertThat(deleted.statusCode()).isEqualTo(204);
			assertThat(deleted.headers().firstValue("X-Deleted-By")).hasValue("local-admin");
			assertThat(get(client, pet).statusCode()).isEqualTo(404);

			for (int port : new int[] { ports.usagePlans(), ports.authorizers() }) {
				assertThat(get(client, "http://127.0.0.1:" + port + "/actuator/health").statusCode()).isEqualTo(200);
			}
			// The gateway got that decision with a signed invocation; an unsigned one
			// runs nothing.
			HttpResponse<String> unsigned = post(client,
					"http://127.0.0.1:" + ports.authorizers() + "/2015-03-31/functions/petstore-admins/invocations",
					"{\"type\":\"TOKEN\",\"authorizationToken\":\"Bearer " + LocalPlatform.LOCAL_ADMIN_TOKEN + "\"}",
					null);
			assertThat(unsigned.statusCode()).isEqualTo(403);
			assertThat(unsigned.headers().firstValue("x-amzn-ErrorType"))
				.hasValue("MissingAuthenticationTokenException");

			// The management UI signs in with the documented local account.
			HttpClient ui = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
			String uiUrl = "http://localhost:" + ports.usagePlans();
			HttpResponse<String> loginPage = get(ui, uiUrl + "/login");
			Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage.body());
			assertThat(csrf.find()).as("sign-in form with a CSRF token").isTrue();
			HttpResponse<String> signedIn = ui.send(
					HttpRequest.newBuilder(URI.create(uiUrl + "/login"))
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString("username=" + LocalPlatform.LOCAL_UI_USER
								+ "&password=" + LocalPlatform.LOCAL_UI_PASSWORD + "&_csrf="
								+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(signedIn.headers().firstValue("Location"))
				.hasValueSatisfying(to -> assertThat(to).endsWith("/ui"));
			assertThat(get(ui, uiUrl + "/ui/keys").body()).contains("API keys", "admin (admin)");

			// The README's usage plan walk-through, with the AWS SDK instead of the AWS
			// CLI (same requests).
			try (ApiGatewayClient apigateway = ApiGatewayClient.builder()
				.endpointOverride(URI.create("http://localhost:" + ports.usagePlans()))
				.region(Region.US_EAST_1)
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials
					.create(LocalPlatform.LOCAL_ACCESS_KEY_ID, LocalPlatform.LOCAL_SECRET_ACCESS_KEY)))
				.httpClient(ApacheHttpClient.create())
				.build()) {
				String planId = apigateway
					.createUsagePlan(b -> b.name("Basic")
						.apiStages(s -> s.apiId("petstore").stage("prod"))
						.throttle(t -> t.rateLimit(10.0).burstLimit(20))
						.quota(q -> q.limit(1000).period("MONTH")))
					.id();
				var key = apigateway.createApiKey(b -> b.name("my-first-customer").enabled(true));
				apigateway.createUsagePlanKey(b -> b.usagePlanId(planId).keyId(key.id()).keyType("API_KEY"));

				String newPet = "{\"type\":\"parrot\",\"price\":42.5}";
				HttpResponse<String> withoutKey = post(client, "http://localhost:" + ports.gateway() + "/petstore/pets",
						newPet, null);
				assertThat(withoutKey.statusCode()).isEqualTo(403);
				HttpResponse<String> withKey = post(client, "http://localhost:" + ports.gateway() + "/petstore/pets",
						newPet, key.value());
				assertThat(withKey.statusCode()).as(withKey.body()).isEqualTo(201);
				assertThat(withKey.headers().firstValue("RateLimit"))
					.hasValueSatisfying(v -> assertThat(v).contains("\"quota\";r=999"));
			}
		}
		finally {
			keep(output);
			List<ProcessHandle> children = platform.descendants().toList();
			platform.destroy();
			assertThat(platform.waitFor(60, TimeUnit.SECONDS))
				.as("launcher stopped; output:%n%s", String.join("\n", output))
				.isTrue();
			for (ProcessHandle child : children) {
				child.onExit().get(30, TimeUnit.SECONDS);
				assertThat(child.isAlive()).as("child %s stopped", child.info().command().orElse("?")).isFalse();
			}
		}
		for (int port : ports.all()) {
			assertThat(LocalPlatform.isFree(port)).as("port %d released", port).isTrue();
		}
	}

	/**
	 * Keeps the platform's output for reading after a failure: target/local-platform.log.
	 */
	private static void keep(List<String> output) {
		try {
			synchronized (output) {
				Files.write(Path.of("target", "local-platform.log"), output);
			}
		}
		catch (IOException ex) {
			// the assertion that failed matters more
		}
	}

	private void copySampleConfigRepo(LocalPlatform.Ports ports) throws IOException {
		Path sample = ROOT.resolve("config-repo");
		try (Stream<Path> files = Files.walk(sample)) {
			for (Path file : files.toList()) {
				Path target = this.configRepo.resolve(sample.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.writeString(target,
							Files.readString(file)
								.replace("localhost:8083", "localhost:" + ports.petstoreProd())
								.replace("localhost:8084", "localhost:" + ports.petstoreDev()));
				}
			}
		}
	}

	private static CompletableFuture<Void> readUntilRunning(Process platform, List<String> output) {
		CompletableFuture<Void> started = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = platform.inputReader()) {
				String line;
				while ((line = lines.readLine()) != null) {
					synchronized (output) {
						output.add(line);
					}
					if (line.contains("Turnpike is running")) {
						started.complete(null);
					}
				}
				started.completeExceptionally(new AssertionError("the platform exited:\n" + String.join("\n", output)));
			}
			catch (IOException ex) {
				started.completeExceptionally(ex);
			}
		});
		reader.setDaemon(true);
		reader.start();
		return started;
	}

	private static HttpResponse<String> post(HttpClient client, String url, String body, String apiKey)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (apiKey != null) {
			request.header("x-api-key", apiKey);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> delete(HttpClient client, String url, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).DELETE();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static int freeOffset() {
		for (int offset = 20000; offset < 40000; offset += 1000) {
			boolean free = true;
			for (int port : LocalPlatform.Ports.withOffset(offset).all()) {
				free &= LocalPlatform.isFree(port);
			}
			if (free) {
				return offset;
			}
		}
		throw new IllegalStateException("no free block of ports for the local platform");
	}

}
