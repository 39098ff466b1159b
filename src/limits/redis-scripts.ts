// The Redis limit store's Lua. Every script reads the time from Redis (`TIME`), so the clocks of the processes
// sharing the counters do not matter; a test passes its own time as ARGV[1] instead ('' means Redis time).
//
// One counter is two keys: a hash `c:<slot>` holding the total in field '' and, for sliding windows and leases,
// each reservation's amount under its id, with a sorted set `t:<slot>` of those ids by time. A fixed period is
// its total alone: its reservations are settled by difference. Numbers go back to JS as strings: Lua turns a
// number reply into an integer.

const PRELUDE = `
local function clock(arg)
  local now = tonumber(arg)
  if now then return now end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function num(x) return string.format('%.17g', x) end
-- Drops the entries at or before horizon; returns what the counter still holds.
local function trim(h, z, horizon)
  while true do
    local old = redis.call('ZRANGEBYSCORE', z, '-inf', horizon, 'LIMIT', 0, 256)
    if #old == 0 then break end
    local amounts = redis.call('HMGET', h, unpack(old))
    local gone = 0
    for i = 1, #old do gone = gone + (tonumber(amounts[i]) or 0) end
    redis.call('HDEL', h, unpack(old))
    redis.call('ZREM', z, unpack(old))
    redis.call('HINCRBYFLOAT', h, '', num(-gone))
    if #old < 256 then break end
  end
  if redis.call('ZCARD', z) == 0 then
    redis.call('DEL', h)
    return 0
  end
  return tonumber(redis.call('HGET', h, '')) or 0
end
`;

/**
 * Reserve, all or nothing. KEYS: hash and set of each counter. ARGV: now, id, then per counter kind (`s`liding,
 * `l`ease, `f`ixed), limit, amount, and the window length (s, l) or the period start and end (f).
 * Returns {1, now, total...}; {0, now, blocked index, retry after ms or -1}; {2, now} when a period is not
 * Redis's current one (the caller computes it again from that now).
 *
 * @example
 * ```ts
 * const reply = await connection.run(script(RESERVE_LUA), [hash, set], ['', id, 's', 60, 1, 60_000, 0]);
 * ```
 */
export const RESERVE_LUA = `${PRELUDE}
local function room(h, z, total, amount, limit, ms, now)
  local from = 0
  while true do
    local page = redis.call('ZRANGE', z, from, from + 127, 'WITHSCORES')
    if #page == 0 then return -1 end
    for j = 1, #page, 2 do
      total = total - (tonumber(redis.call('HGET', h, page[j])) or 0)
      if total + amount <= limit + 1e-9 then return tonumber(page[j + 1]) + ms - now end
    end
    from = from + 128
  end
end
local now = clock(ARGV[1])
local id = ARGV[2]
local n = #KEYS / 2
for i = 1, n do
  local h, z, at = KEYS[2 * i - 1], KEYS[2 * i], 3 + (i - 1) * 5
  local kind, limit, amount, a, b = ARGV[at], tonumber(ARGV[at + 1]), tonumber(ARGV[at + 2]), tonumber(ARGV[at + 3]), tonumber(ARGV[at + 4])
  local total
  if kind == 'f' then
    if now < a or now >= b then return {2, now} end
    total = tonumber(redis.call('HGET', h, '')) or 0
  else
    total = trim(h, z, now - a)
  end
  if total + amount > limit + 1e-9 then
    local wait = -1
    if kind == 'f' then wait = b - now elseif kind == 's' then wait = room(h, z, total, amount, limit, a, now) end
    return {0, now, i - 1, wait}
  end
end
local out = {1, now}
for i = 1, n do
  local h, z, at = KEYS[2 * i - 1], KEYS[2 * i], 3 + (i - 1) * 5
  out[#out + 1] = redis.call('HINCRBYFLOAT', h, '', ARGV[at + 2])
  if ARGV[at] == 'f' then
    redis.call('PEXPIRE', h, tonumber(ARGV[at + 4]) - now)
  else
    redis.call('HSET', h, id, ARGV[at + 2])
    redis.call('ZADD', z, now, id)
    redis.call('PEXPIRE', h, ARGV[at + 3])
    redis.call('PEXPIRE', z, ARGV[at + 3])
  end
end
return out
`;

/**
 * Settle. KEYS: hash and set of each slot. ARGV: id, then per slot its kind and a number: for a fixed period
 * the difference to add to its total (if the period still exists), for a sliding entry its new amount (it
 * keeps its time); a lease is released. A reservation the counter no longer holds (expired) is ignored.
 *
 * @example
 * ```ts
 * await connection.run(script(SETTLE_LUA), [hash, set], [id, 'f', -250]); // a refund of 250 in a fixed period
 * ```
 */
export const SETTLE_LUA = `${PRELUDE}
local id = ARGV[1]
for i = 1, #KEYS / 2 do
  local h, z, kind, value = KEYS[2 * i - 1], KEYS[2 * i], ARGV[2 * i], ARGV[2 * i + 1]
  if kind == 'f' then
    if redis.call('EXISTS', h) == 1 then redis.call('HINCRBYFLOAT', h, '', value) end
  else
    local old = redis.call('HGET', h, id)
    if old and kind == 'l' then
      redis.call('HINCRBYFLOAT', h, '', num(-tonumber(old)))
      redis.call('HDEL', h, id)
      redis.call('ZREM', z, id)
    elseif old then
      redis.call('HINCRBYFLOAT', h, '', num(tonumber(value) - tonumber(old)))
      redis.call('HSET', h, id, value)
    end
  end
end
return 1
`;

/**
 * Read. KEYS: hash, set. ARGV: now, kind, window length or period start, period end. Returns {1, now, total}
 * or {2, now}.
 *
 * @example
 * ```ts
 * const [, now, total] = (await connection.run(script(READ_LUA), [hash, set], ['', 's', 60_000, 0])) as [number, number, string];
 * ```
 */
export const READ_LUA = `${PRELUDE}
local now = clock(ARGV[1])
local a, b = tonumber(ARGV[3]), tonumber(ARGV[4])
if ARGV[2] == 'f' then
  if now < a or now >= b then return {2, now} end
  return {1, now, redis.call('HGET', KEYS[1], '') or '0'}
end
return {1, now, num(trim(KEYS[1], KEYS[2], now - a))}
`;

/**
 * Claim once. KEYS: the claim. ARGV: now, until (epoch ms). Returns 1 when claimed; a past `until` always
 * claims. The claim holds its `until`, so it is compared with the same clock as everything else.
 *
 * @example
 * ```ts
 * const first = (await connection.run(script(CLAIM_LUA), [claimKey], ['', until])) === 1;
 * ```
 */
export const CLAIM_LUA = `${PRELUDE}
local now = clock(ARGV[1])
local held = tonumber(redis.call('GET', KEYS[1]))
if held and held > now then return 0 end
local ms = math.ceil(tonumber(ARGV[2]) - now)
if ms > 0 then redis.call('SET', KEYS[1], ARGV[2], 'PX', ms) end
return 1
`;
