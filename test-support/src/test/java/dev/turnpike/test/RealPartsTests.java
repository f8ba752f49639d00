package dev.turnpike.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.turnpike.test.backend.TestBackend;
import dev.turnpike.test.redis.RealRedis;
import dev.turnpike.test.redis.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisExtension.class)
class RealPartsTests {

	@Test
	void sharedRedisWhenInjectedThenAnswersRealCommands(RealRedis redis) {
		redis.flushAll();
		assertThat(redis.command("PING")).isEqualTo("+PONG");
		assertThat(redis.command("INCR", "counter")).isEqualTo(":1");
		assertThat(redis.command("INCR", "counter")).isEqualTo(":2");
		assertThat(redis.command("EVAL", "return redis.call('INCRBY', KEYS[1], ARGV[1])", "1", "counter", "40"))
			.isEqualTo(":42");
	}

	@Test
	void isolatedRedisWhenStoppedAndStartedThenComesBackOnSamePortEmpty() {
		try (RealRedis redis = RedisExtension.isolated()) {
			int port = redis.port();
			redis.command("SET", "k", "v");
			redis.stop();
			assertThat(redis.isRunning()).isFalse();
			redis.start();
			assertThat(redis.port()).isEqualTo(port);
			assertThat(redis.command("PING")).isEqualTo("+PONG");
		}
	}

	@Test
	void backendWhenCalledThenRecordsRequestAndEchoesIt() throws Exception {
		try (TestBackend backend = TestBackend.start()) {
			backend.respond("/teapot", TestBackend.Response.json(418, "{\"short\":\"stout\"}"));
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

			HttpResponse<String> echo = client.send(HttpRequest.newBuilder(URI.create(backend.baseUrl() + "/a/b?x=1"))
				.header("X-Test", "yes")
				.POST(HttpRequest.BodyPublishers.ofString("hello"))
				.build(), HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> teapot = client.send(
					HttpRequest.newBuilder(URI.create(backend.baseUrl() + "/teapot/1")).build(),
					HttpResponse.BodyHandlers.ofString());

			assertThat(echo.statusCode()).isEqualTo(200);
			assertThat(echo.body()).contains("\"path\":\"/a/b\"", "\"query\":\"x=1\"", "\"x-test\":\"yes\"",
					"\"body\":\"hello\"");
			assertThat(teapot.statusCode()).isEqualTo(418);
			assertThat(teapot.body()).isEqualTo("{\"short\":\"stout\"}");
			assertThat(backend.requestCount()).isEqualTo(2);
			assertThat(backend.requests().get(0).header("X-TEST")).isEqualTo("yes");
		}
	}

}
