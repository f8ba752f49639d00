package dev.turnpike.usageplans;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.turnpike.usageplans.core.ApiKeyHasher;
import dev.turnpike.usageplans.domain.ApiKeyService;
import dev.turnpike.usageplans.domain.AuditLog;
import dev.turnpike.usageplans.domain.UsagePlanService;
import dev.turnpike.usageplans.domain.UsageService;
import dev.turnpike.usageplans.store.RedisRecords;

/**
 * Wires the store and the services (one set of rules, used by the AWS-compatible API and
 * the UI).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TurnpikeProperties.class)
class UsagePlanServiceConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	RedisRecords redisRecords(StringRedisTemplate redis) {
		return new RedisRecords(redis);
	}

	@Bean
	ApiKeyHasher apiKeyHasher(TurnpikeProperties properties) {
		return ApiKeyHasher.fromSecret(properties.apiKeys().hashSecret());
	}

	@Bean
	AuditLog auditLog(RedisRecords records, Clock clock) {
		return new AuditLog(records, clock);
	}

	@Bean
	ApiKeyService apiKeyService(RedisRecords records, ApiKeyHasher hasher, AuditLog audit, Clock clock,
			TurnpikeProperties properties) {
		return new ApiKeyService(records, hasher, audit, clock, properties.apiKeys().rotationGrace());
	}

	@Bean
	UsagePlanService usagePlanService(RedisRecords records, AuditLog audit, Clock clock) {
		return new UsagePlanService(records, audit, clock);
	}

	@Bean
	UsageService usageService(RedisRecords records, UsagePlanService plans, AuditLog audit, Clock clock) {
		return new UsageService(records, plans, audit, clock);
	}

}
