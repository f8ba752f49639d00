package dev.turnpike.samples.lambda;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small Spring Boot pet store, written like any Spring MVC app;
 * {@link StreamLambdaHandler} runs it on Lambda.
 */
@SpringBootApplication
public class PetsApplication {

	public static void main(String[] args) {
		SpringApplication.run(PetsApplication.class, args);
	}

}
