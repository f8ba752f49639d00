package dev.turnpike.bench.scg;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Vanilla Spring Cloud Gateway with one route (see {@code application.yaml}): what a team
 * would get from the framework alone, and the baseline the benchmark divides Turnpike's
 * numbers by.
 */
@SpringBootApplication
public class ScgBaselineApplication {

	public static void main(String[] args) {
		SpringApplication.run(ScgBaselineApplication.class, args);
	}

}
