-- Checks and consumes, all or nothing, one request's usage limits in one call:
--   an optional quota counter, an optional daily usage counter, and any number of token buckets.
-- Every key must carry the same hash tag (one Redis Cluster slot).
--
-- KEYS: [quota counter]? [daily usage counter]? bucket...
-- ARGV: now_ms, has_quota (0|1), quota_limit, quota_ttl_s, has_usage (0|1), usage_ttl_s,
--       then per bucket: rate (tokens/s), burst (capacity)
--
-- Returns {status, quota_remaining, bucket_remaining, retry_after_ms}
--   status 0 = admitted (one quota unit and one token of every bucket consumed)
--          1 = throttled (a bucket is empty), 2 = quota exhausted; nothing consumed
--   quota_remaining -1 when there is no quota; bucket_remaining -1 when there are no buckets.

local now = tonumber(ARGV[1])
local has_quota = ARGV[2] == '1'
local quota_limit = tonumber(ARGV[3])
local quota_ttl = tonumber(ARGV[4])
local has_usage = ARGV[5] == '1'
local usage_ttl = tonumber(ARGV[6])

local k = 1
local quota_key, usage_key
if has_quota then quota_key = KEYS[k]; k = k + 1 end
if has_usage then usage_key = KEYS[k]; k = k + 1 end
local first_bucket = k

local quota_remaining = -1
if has_quota then
  local used = tonumber(redis.call('GET', quota_key) or '0')
  quota_remaining = quota_limit - used
  if quota_remaining <= 0 then
    return {2, 0, -1, 0}
  end
end

local arg = 7
local levels = {}
local bucket_remaining = -1
local retry_ms = 0
local throttled = false
for i = first_bucket, #KEYS do
  local rate = tonumber(ARGV[arg])
  local burst = tonumber(ARGV[arg + 1])
  arg = arg + 2
  local state = redis.call('HMGET', KEYS[i], 't', 'ts')
  local tokens = tonumber(state[1])
  local last = tonumber(state[2])
  if tokens == nil or last == nil then
    tokens = burst
  else
    local elapsed = now - last
    if elapsed < 0 then elapsed = 0 end
    tokens = math.min(burst, tokens + elapsed * rate / 1000)
  end
  levels[#levels + 1] = {KEYS[i], tokens, rate, burst}
  if tokens < 1 then
    throttled = true
    local wait = 60000
    if rate > 0 then wait = math.ceil((1 - tokens) * 1000 / rate) end
    if wait > retry_ms then retry_ms = wait end
  end
end

if throttled then
  return {1, quota_remaining, 0, retry_ms}
end

for _, level in ipairs(levels) do
  local left = level[2] - 1
  redis.call('HSET', level[1], 't', tostring(left), 'ts', tostring(now))
  if level[3] > 0 then
    -- Once full again the bucket needs no state: a missing key is a full bucket.
    redis.call('PEXPIRE', level[1], math.ceil(level[4] * 1000 / level[3]) + 1000)
  end
  local whole = math.floor(left)
  if bucket_remaining < 0 or whole < bucket_remaining then bucket_remaining = whole end
end

if has_quota then
  redis.call('INCR', quota_key)
  redis.call('EXPIRE', quota_key, quota_ttl)
  quota_remaining = quota_remaining - 1
end
if has_usage then
  redis.call('INCR', usage_key)
  redis.call('EXPIRE', usage_key, usage_ttl)
end
return {0, quota_remaining, bucket_remaining, 0}
