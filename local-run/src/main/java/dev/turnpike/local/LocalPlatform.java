package dev.turnpike.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import redis.embedded.RedisServer;

/**
 * Starts the whole platform locally, with nothing installed but a JDK: an embedded Redis,
 * the sample backends, the authorizer service, the usage-plan service and the gateway,
 * each a child process whose output is prefixed with its name. Waits until each answers,
 * prints what to try, and stops everything on Ctrl-C (or when any part dies).
 * <p>
 * Run from the repository root (the {@code run-local.sh} script does that and builds
 * first).
 */
public final class LocalPlatform {

	/**
	 * The ports, shifted together by {@code --port-offset=N} (the sample config repo
	 * expects the defaults).
	 */
	record Ports(int gateway, int gatewayManagement, int usagePlans, int authorizers, int petstoreProd, int petstoreDev,
			int redis) {

		static Ports withOffset(int offset) {
			return new Ports(8080 + offset, 9080 + offset, 8081 + offset, 8082 + offset, 8083 + offset, 8084 + offset,
					6379 + offset);
		}

		int[] all() {
			return new int[] { this.gateway, this.gatewayManagement, this.usagePlans, this.authorizers,
					this.petstoreProd, this.petstoreDev };
		}

	}

	/**
	 * The local admin credentials, for the local run only (printed at start; never
	 * defaults in production).
	 */
	static final String LOCAL_ACCESS_KEY_ID = "AKIDLOCALTURNPIKE";

	static final String LOCAL_SECRET_ACCESS_KEY = "local-turnpike-secret-do-not-use-in-production";

	/**
	 * The secret API key values are hashed with, shared by the gateway and the usage-plan
	 * service (local only).
	 */
	static final String LOCAL_HASH_SECRET = "local-turnpike-api-key-hash-secret-do-not-use-in-production";

	/**
	 * The key pair the gateway signs its Lambda invocations with and the authorizer
	 * service checks them against: made up afresh at each start, for this local run only
	 * (deployments bring their own, see helm/README.md).
	 */
	record InvokeKeyPair(String accessKeyId, String secretAccessKey) {

		static InvokeKeyPair generate() {
			java.security.SecureRandom random = new java.security.SecureRandom();
			byte[] id = new byte[6];
			byte[] secret = new byte[30];
			random.nextBytes(id);
			random.nextBytes(secret);
			return new InvokeKeyPair("AKIDLOCAL" + java.util.HexFormat.of().withUpperCase().formatHex(id),
					java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
		}

		/**
		 * Both services read the pair from their environment, the way a deployment hands
		 * it over from a Secret.
		 */
		Map<String, String> environment() {
			return Map.of("TURNPIKE_FUNCTIONS_ACCESS_KEY_ID", this.accessKeyId, "TURNPIKE_FUNCTIONS_SECRET_ACCESS_KEY",
					this.secretAccessKey, "TURNPIKE_LAMBDA_ACCESS_KEY_ID", this.accessKeyId,
					"TURNPIKE_LAMBDA_SECRET_ACCESS_KEY", this.secretAccessKey);
		}

		@Override
		public String toString() {
			return "InvokeKeyPair[" + this.accessKeyId + "]";
		}

	}

	/**
	 * The token the sample's petstore-admins authorizer accepts (a static rule; local
	 * only).
	 */
	static final String LOCAL_ADMIN_TOKEN = "local-petstore-admin-token";

	/**
	 * The management UI's sign-in for the local run only; deployments configure their own
	 * users or OIDC.
	 */
	static final String LOCAL_UI_USER = "admin";

	static final String LOCAL_UI_PASSWORD = "turnpike-local";

	private final Path root;

	private final Path configRepo;

	private final Ports ports;

	private final List<Child> children = new ArrayList<>();

	private final InvokeKeyPair invokeKeys = InvokeKeyPair.generate();

	private RedisServer redis;

	private volatile boolean stopping;

	private LocalPlatform(Path root, Path configRepo, Ports ports) {
		this.root = root;
		this.configRepo = configRepo;
		this.ports = ports;
	}

	/**
	 * Options: {@code --port-offset=N} shifts every port by N; {@code --config-repo=DIR}
	 * serves another config repo than {@code ./config-repo}.
	 */
	public static void main(String[] args) throws Exception {
		Path root = Path.of("").toAbsolutePath();
		Path configRepo = root.resolve("config-repo");
		int offset = 0;
		for (String arg : args) {
			if (arg.startsWith("--port-offset=")) {
				offset = Integer.parseInt(arg.substring("--port-offset=".length()));
			}
			else if (arg.startsWith("--config-repo=")) {
				configRepo = Path.of(arg.substring("--config-repo=".length())).toAbsolutePath();
			}
			else {
				System.err.println("usage: run-local.sh [--port-offset=N] [--config-repo=DIR]");
				System.exit(2);
			}
		}
		LocalPlatform platform = new LocalPlatform(root, configRepo, Ports.withOffset(offset));
		Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "turnpike-local-stop"));
		try {
			platform.start();
		}
		catch (Exception ex) {
			System.err.println("[local] " + ex.getMessage());
			System.exit(1);
		}
		int exit = platform.awaitFirstExit();
		System.exit(exit);
	}

	private void start() throws Exception {
		checkPortsFree();
		int redisPort = freePortOr(this.ports.redis());
		this.redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("appendonly no").build();
		this.redis.start();
		String redisUrl = "redis://127.0.0.1:" + redisPort;
		log("embedded redis-server listening on " + redisUrl);

		Map<String, String> env = new LinkedHashMap<>(Map.of("SPRING_DATA_REDIS_URL", redisUrl,
				"TURNPIKE_ADMIN_ACCESS_KEY_ID", LOCAL_ACCESS_KEY_ID, "TURNPIKE_ADMIN_SECRET_ACCESS_KEY",
				LOCAL_SECRET_ACCESS_KEY, "TURNPIKE_API_KEYS_HASH_SECRET", LOCAL_HASH_SECRET));
		env.putAll(this.invokeKeys.environment());
		Ports p = this.ports;
		launch("backend", env, jar("sample-backend"), p.petstoreProd() + ":prod", p.petstoreDev() + ":dev");
		launch("authorizers", env, jar("authorizer-service"), "--server.port=" + p.authorizers(),
				"--turnpike.authorizers.static-rules.petstore-admins.rules[0].token=" + LOCAL_ADMIN_TOKEN,
				"--turnpike.authorizers.static-rules.petstore-admins.rules[0].principal=local-admin");
		launch("usage-plans", env, jar("usage-plan-service"), "--server.port=" + p.usagePlans(),
				"--turnpike.ui.users[0].username=" + LOCAL_UI_USER,
				"--turnpike.ui.users[0].password={noop}" + LOCAL_UI_PASSWORD, "--turnpike.ui.users[0].role=admin");
		launch("gateway", env, jar("gateway-app"), "--server.port=" + p.gateway(),
				"--management.server.port=" + p.gatewayManagement(), "--turnpike.config.location=" + this.configRepo,
				"--turnpike.lambda.endpoint-url=http://127.0.0.1:" + p.authorizers());

		Map<String, String> checks = new LinkedHashMap<>();
		checks.put("sample backend", "http://127.0.0.1:" + p.petstoreProd() + "/pets");
		checks.put("authorizer service", "http://127.0.0.1:" + p.authorizers() + "/actuator/health");
		checks.put("usage-plan service", "http://127.0.0.1:" + p.usagePlans() + "/actuator/health");
		checks.put("gateway", "http://127.0.0.1:" + p.gatewayManagement() + "/actuator/health/readiness");
		for (Map.Entry<String, String> check : checks.entrySet()) {
			awaitUp(check.getKey(), check.getValue(), Duration.ofSeconds(120));
		}
		printWelcome(redisUrl);
	}

	private void checkPortsFree() {
		for (int port : this.ports.all()) {
			if (!isFree(port)) {
				throw new IllegalStateException("port " + port + " is already in use; stop what uses it and try again");
			}
		}
	}

	static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress("127.0.0.1", port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePortOr(int preferred) throws IOException {
		if (isFree(preferred)) {
			return preferred;
		}
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private Path jar(String module) {
		Path jar = this.root.resolve(module).resolve("target").resolve(module + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(
					jar + " is missing; build with ./mvnw -DskipTests package (run-local.sh does)");
		}
		return jar;
	}

	private void launch(String name, Map<String, String> env, Path jar, String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.root.toFile()).redirectErrorStream(true);
		builder.environment().putAll(env);
		Process process = builder.start();
		Child child = new Child(name, process);
		this.children.add(child);
		child.pipeOutput();
		log("started " + name + " (pid " + process.pid() + ")");
	}

	private void awaitUp(String name, String url, Duration timeout) throws InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			for (Child child : this.children) {
				if (!child.process().isAlive()) {
					throw new IllegalStateException(child.name() + " exited with status " + child.process().exitValue()
							+ " while starting; see its output above");
				}
			}
			try {
				HttpResponse<Void> response = client.send(
						HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					log(name + " is up");
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(name + " did not come up within " + timeout.toSeconds() + " s (" + url + ")");
	}

	private int awaitFirstExit() throws InterruptedException {
		while (!this.stopping) {
			for (Child child : List.copyOf(this.children)) {
				if (!child.process().isAlive() && !this.stopping) {
					log(child.name() + " exited with status " + child.process().exitValue() + "; stopping everything");
					return 1;
				}
			}
			Thread.sleep(500);
		}
		return 0;
	}

	private synchronized void stop() {
		this.stopping = true;
		for (Child child : this.children) {
			child.process().descendants().forEach(ProcessHandle::destroy);
			child.process().destroy();
		}
		for (Child child : this.children) {
			try {
				if (!child.process().waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
					child.process().destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				child.process().destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		this.children.clear();
		if (this.redis != null) {
			try {
				this.redis.stop();
			}
			catch (IOException ex) {
				// the binary is gone with the JVM anyway
			}
			this.redis = null;
			log("stopped");
		}
	}

	private void printWelcome(String redisUrl) {
		String gateway = "http://localhost:" + this.ports.gateway();
		System.out.println("""

				================================================================================
				 Turnpike is running.  Ctrl-C stops everything.

				 Gateway (APIs from config-repo/)   %1$s
				   curl %1$s/petstore/pets                  the prod stage, via the localhost domain mapping
				   curl %1$s/petstore-dev/pets/1            the dev stage
				   curl -H 'Host: petstore.execute-api.localhost' %1$s/prod/pets
				   curl %1$s/status/health                  an API served by mock integrations
				   curl -i %1$s/status/nope                 403 {"message":"Missing Authentication Token"}
				   curl -i -X DELETE -H 'Authorization: Bearer %10$s' %1$s/petstore/pets/2
				                                            204: the petstore-admins authorizer allowed it
				 Gateway health and metrics          http://localhost:%2$d/actuator/health  /actuator/prometheus
				 Management UI (keys, plans, usage)  http://localhost:%3$d   sign in as %11$s / %12$s
				 Usage-plan service (AWS API)        http://localhost:%3$d
				 Authorizer service                  http://localhost:%4$d
				 Sample backends                     http://localhost:%5$d (prod)  http://localhost:%6$d (dev)
				 Redis                               %7$s

				 Local admin credentials (for the AWS CLI against the usage-plan service):
				   AWS_ACCESS_KEY_ID=%8$s
				   AWS_SECRET_ACCESS_KEY=%9$s
				 Invoke credentials of this run (the gateway signs with them; the AWS CLI can too, with
				 aws lambda invoke --endpoint-url http://localhost:%4$d ...), new at every start:
				   AWS_ACCESS_KEY_ID=%13$s
				   AWS_SECRET_ACCESS_KEY=%14$s
				 Edit files under config-repo/ and the gateway picks them up within a second or two.
				================================================================================
				""".formatted(gateway, this.ports.gatewayManagement(), this.ports.usagePlans(),
				this.ports.authorizers(), this.ports.petstoreProd(), this.ports.petstoreDev(), redisUrl,
				LOCAL_ACCESS_KEY_ID, LOCAL_SECRET_ACCESS_KEY, LOCAL_ADMIN_TOKEN, LOCAL_UI_USER, LOCAL_UI_PASSWORD,
				this.invokeKeys.accessKeyId(), this.invokeKeys.secretAccessKey()));
	}

	static void log(String message) {
		System.out.println("[local] " + message);
	}

	/**
	 * A started part of the platform whose output is copied to ours with a name prefix.
	 */
	private record Child(String name, Process process) {

		void pipeOutput() {
			Thread pipe = new Thread(() -> {
				try (var reader = this.process.inputReader()) {
					String line;
					while ((line = reader.readLine()) != null) {
						System.out.println("[" + this.name + "] " + line);
					}
				}
				catch (IOException ex) {
					// the process ended
				}
			}, "output-" + this.name);
			pipe.setDaemon(true);
			pipe.start();
		}

	}

}
