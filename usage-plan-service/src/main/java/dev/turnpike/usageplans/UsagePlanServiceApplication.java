package dev.turnpike.usageplans;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Turnpike usage-plan-service: API keys, usage plans and usage: an AWS-compatible
 * management API and web UI.
 */
@SpringBootApplication
public class UsagePlanServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(UsagePlanServiceApplication.class, args);
	}

}
