package dev.turnpike.gateway;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import dev.turnpike.gateway.cache.FlushCacheCommand;
import dev.turnpike.gateway.config.ValidateCommand;

/**
 * The Turnpike gateway. {@code java -jar gateway-app.jar} serves the config repo;
 * {@code java -jar
 * gateway-app.jar validate <config-repo>} checks one and exits.
 */
@SpringBootApplication
@EnableConfigurationProperties(TurnpikeProperties.class)
public class GatewayApplication {

	public static void main(String[] args) {
		if (args.length > 0 && "validate".equals(args[0])) {
			System.exit(ValidateCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
		}
		if (args.length > 0 && "flush-cache".equals(args[0])) {
			System.exit(FlushCacheCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
		}
		SpringApplication.run(GatewayApplication.class, args);
	}

	/** Shared by every feature that talks to Redis (usage plans, the response cache). */
	@org.springframework.context.annotation.Bean
	RedisFirstConnection redisFirstConnection() {
		return new RedisFirstConnection();
	}

}
