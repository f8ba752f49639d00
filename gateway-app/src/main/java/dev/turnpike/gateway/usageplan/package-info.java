/**
 * API keys, usage plans and throttles in the gateway: key checks against the usage-plan
 * service's records (cached, invalidated through Redis pub/sub), plan quotas and
 * throttles consumed in one Lua script call, shared stage and gateway-wide throttles, and
 * the Redis failure policy.
 */
package dev.turnpike.gateway.usageplan;
