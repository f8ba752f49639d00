package dev.turnpike.authorizer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Turnpike authorizer-service: Hosts Lambda-style authorizer functions behind the Lambda
 * Invoke API shape.
 */
@SpringBootApplication
public class AuthorizerServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AuthorizerServiceApplication.class, args);
	}

}
