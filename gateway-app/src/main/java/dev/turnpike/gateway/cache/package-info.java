/**
 * API caching, as Amazon API Gateway's stage cache:
 * {@link dev.turnpike.gateway.cache.CacheConfig} reads the stage settings and cache keys,
 * {@code CacheFilter} answers hits after every check, {@code ResponseCapture} stores
 * misses, {@code ResponseCache} keeps the entries in Redis for every replica,
 * {@link dev.turnpike.gateway.cache.FlushCacheCommand} empties a stage.
 */
package dev.turnpike.gateway.cache;
