package dev.turnpike.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import redis.embedded.RedisServer;

/**
 * Everything a benchmark run starts, and stops again: nginx as upstream (load CPU), nginx
 * serving the answer itself and nginx as reverse proxy (measured CPU), Redis, an OIDC
 * issuer (in this JVM), the authorizer service, vanilla Spring Cloud Gateway and Turnpike
 * gateways (measured CPU).
 */
final class Platform implements AutoCloseable {

	static final int UPSTREAM_PORT = 18000;

	static final int NGINX_STATIC_PORT = 18001;

	static final int NGINX_PROXY_PORT = 18002;

	static final int SCG_PORT = 18080;

	static final int TURNPIKE_PORT = 18081;

	static final int AUTHORIZER_PORT = 18082;

	static final int REDIS_PORT = 18379;

	static final String HASH_SECRET = "benchmark-hash-secret-not-for-production";

	static final String LAMBDA_TOKEN = "bench-lambda-token";

	/**
	 * The key pair the gateway signs its invocations of authorizer-service with
	 * (benchmark only).
	 */
	static final String INVOKE_KEY_ID = "AKIDBENCHMARK";

	static final String INVOKE_SECRET = "benchmark-invoke-secret-not-for-production";

	/** What the upstream (and the nginx serving it directly) answers. */
	static final String UPSTREAM_BODY = "{\"ok\":true,\"service\":\"upstream\"}";

	private final Options options;

	private final Path workDir;

	private final List<Child> children = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private RedisServer redis;

	private MockOAuth2Server idp;

	Path workDir() {
		return this.workDir;
	}

	Platform(Options options, Path workDir) {
		this.options = options;
		this.workDir = workDir;
	}

	String upstreamUrl() {
		return "http://127.0.0.1:" + UPSTREAM_PORT;
	}

	String redisUrl() {
		return "redis://127.0.0.1:" + REDIS_PORT;
	}

	Child nginx(String name, String cpus, int port, String location) throws IOException, InterruptedException {
		Path prefix = Files.createDirectories(this.workDir.resolve(name));
		Files.createDirectories(prefix.resolve("logs"));
		String conf = """
				worker_processes 1;
				daemon off;
				pid %1$s/nginx.pid;
				error_log %1$s/logs/error.log info;
				events { worker_connections 4096; }
				http {
				  access_log off;
				  client_body_temp_path %1$s/body;
				  proxy_temp_path %1$s/proxy;
				  fastcgi_temp_path %1$s/fastcgi;
				  uwsgi_temp_path %1$s/uwsgi;
				  scgi_temp_path %1$s/scgi;
				  keepalive_requests 10000000;
				  upstream backend {
				    server 127.0.0.1:%2$d;
				    keepalive 64;
				  }
				  server {
				    listen 127.0.0.1:%3$d;
				    default_type application/json;
				    location / {
				      %4$s
				    }
				  }
				}
				""".formatted(prefix, UPSTREAM_PORT, port, location);
		Path file = prefix.resolve("nginx.conf");
		Files.writeString(file, conf);
		Child child = start(name, cpus, List.of("nginx", "-e", prefix.resolve("logs/error.log").toString(), "-p",
				prefix.toString(), "-c", file.toString()), Map.of());
		awaitUp(child, "http://127.0.0.1:" + port + "/proxy/ready");
		return child;
	}

	static String serveUpstreamBody() {
		return "return 200 '" + UPSTREAM_BODY + "';";
	}

	static String proxyToUpstream() {
		return "proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\";";
	}

	void startRedis() throws IOException {
		this.redis = RedisServer.newRedisServer()
			.port(REDIS_PORT)
			.bind("127.0.0.1")
			.setting("appendonly no")
			.setting("save \"\"")
			.setting("maxmemory 4gb")
			.build();
		this.redis.start();
		Bench.log("redis-server on " + redisUrl() + " (load CPU)");
	}

	/** Starts the OIDC issuer in this JVM (load CPU) and returns its issuer URL. */
	String startIdp() {
		this.idp = new MockOAuth2Server();
		this.idp.start();
		return this.idp.issuerUrl("bench").toString();
	}

	/** An RS256 access token from the issuer, valid for two hours. */
	String token(String subject) {
		return this.idp.issueToken("bench", subject, "bench", Map.of("scope", "read"), 7200).serialize();
	}

	Child startAuthorizers() throws IOException, InterruptedException {
		Child child = startJava("authorizer-service", this.options.loadCpus(), jar("authorizer-service"),
				List.of("--server.port=" + AUTHORIZER_PORT, "--turnpike.functions.access-key-id=" + INVOKE_KEY_ID,
						"--turnpike.functions.secret-access-key=" + INVOKE_SECRET,
						"--turnpike.authorizers.static-rules.bench-auth.rules[0].token=" + LAMBDA_TOKEN,
						"--turnpike.authorizers.static-rules.bench-auth.rules[0].principal=bench-caller"));
		awaitUp(child, "http://127.0.0.1:" + AUTHORIZER_PORT + "/actuator/health");
		return child;
	}

	Child startScg() throws IOException, InterruptedException {
		Child child = startJava("scg-baseline", this.options.measuredCpus(),
				this.options.root().resolve("bench/scg-baseline/target/scg-baseline.jar"),
				List.of("--server.port=" + SCG_PORT, "--upstream.url=" + upstreamUrl()));
		awaitUp(child, "http://127.0.0.1:" + SCG_PORT + "/proxy/ready");
		return child;
	}

	/**
	 * A Turnpike gateway on {@code port} (management port + 1000) serving
	 * {@code configRepo}.
	 */
	Child startTurnpike(String name, String cpus, int port, Path configRepo) throws IOException, InterruptedException {
		return startTurnpike(name, cpus, port, configRepo, List.of());
	}

	/** A Turnpike gateway with extra arguments (a variant being compared). */
	Child startTurnpike(String name, String cpus, int port, Path configRepo, List<String> extraArgs)
			throws IOException, InterruptedException {
		List<String> args = new ArrayList<>(List.of("--server.port=" + port,
				"--management.server.port=" + (port + 1000), "--turnpike.config.location=" + configRepo,
				"--turnpike.lambda.endpoint-url=http://127.0.0.1:" + AUTHORIZER_PORT,
				"--turnpike.lambda.access-key-id=" + INVOKE_KEY_ID,
				"--turnpike.lambda.secret-access-key=" + INVOKE_SECRET));
		// a variant may name another build of the gateway ("jar=PATH"): an A/B of two
		// commits in one run
		Path jar = jar("gateway-app");
		for (String extra : extraArgs) {
			if (extra.startsWith("jar=")) {
				jar = Path.of(extra.substring("jar=".length()));
			}
			else {
				args.add(extra);
			}
		}
		List<String> profile = (this.options.jfr() && name.equals("turnpike"))
				? List.of("-XX:FlightRecorderOptions:stackdepth=512", "-XX:StartFlightRecording:filename="
						+ this.workDir.resolve(name + ".jfr") + ",settings=profile,dumponexit=true")
				: List.of();
		Child child = startJava(name, cpus, jar, profile, args);
		awaitUp(child, "http://127.0.0.1:" + (port + 1000) + "/actuator/health/readiness");
		return child;
	}

	private Child startJava(String name, String cpus, Path jar, List<String> args) throws IOException {
		return startJava(name, cpus, jar, List.of(), args);
	}

	private Child startJava(String name, String cpus, Path jar, List<String> jvmOptions, List<String> args)
			throws IOException {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing; bench/run.sh builds it");
		}
		List<String> command = new ArrayList<>();
		command.add(this.options.java());
		command.addAll(this.options.jvmOptions());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(args);
		return start(name, cpus, command, Map.of("SPRING_DATA_REDIS_URL", redisUrl(), "TURNPIKE_API_KEYS_HASH_SECRET",
				HASH_SECRET, "MANAGEMENT_TRACING_EXPORT_ENABLED", "false"));
	}

	private Child start(String name, String cpus, List<String> command, Map<String, String> env) throws IOException {
		Child child = Child.start(name, cpus, command, env, this.workDir);
		this.children.add(child);
		return child;
	}

	private Path jar(String module) {
		return this.options.root().resolve(module).resolve("target").resolve(module + ".jar");
	}

	void stop(Child child) {
		child.close();
		this.children.remove(child);
	}

	private void awaitUp(Child child, String url) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			if (!child.isAlive()) {
				throw new IllegalStateException(child.name() + " exited while starting; see " + child.log());
			}
			try {
				HttpResponse<Void> response = this.http.send(
						HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException(
				child.name() + " did not come up within 120 s (" + url + "); see " + child.log());
	}

	/**
	 * One request through {@code target}: it must answer 200 with the expected body
	 * before it is measured. (The harness JVM allows the restricted Host header, see
	 * {@link Bench#main}.)
	 */
	void check(Target target) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url())).timeout(Duration.ofSeconds(10));
		for (String header : target.headers()) {
			int colon = header.indexOf(':');
			request.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200 || !response.body().contains(target.expectedBody())) {
			throw new IllegalStateException(target.name() + ": expected 200 with " + target.expectedBody() + ", got "
					+ response.statusCode() + " " + response.body());
		}
	}

	@Override
	public void close() {
		for (Child child : List.copyOf(this.children)) {
			child.close();
		}
		this.children.clear();
		if (this.redis != null) {
			try {
				this.redis.stop();
			}
			catch (IOException ex) {
				// gone with this JVM anyway
			}
		}
		if (this.idp != null) {
			this.idp.shutdown();
		}
	}

}
