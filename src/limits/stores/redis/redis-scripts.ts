// The Redis limit store's batch script (reads and claims: redis-query-scripts.ts). Every script reads the time
// from Redis (`TIME`), so the clocks of the processes sharing the counters do not matter; a test passes its own
// time as ARGV[1] instead ('' means Redis time).
//
// One counter is two keys: a hash `c:<slot>` holding the total in field '' and, for sliding windows and leases,
// each reservation's amount under its id, with a sorted set `t:<slot>` of those ids by time. A fixed period is
// its total alone, plus in field 'i' the part of it that reservations not yet settled hold: its reservations are
// settled by difference. Totals go back to JS as strings (Lua turns a number reply into an integer), except the
// integer totals a batch counted itself.

/** What every script starts with: its time (`clock`), number formatting, and the trim of a window's old entries. */
export const PRELUDE = `
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
 * A batch of reserves and settles, each evaluated in order exactly as if it ran alone, all at one `now`.
 *
 * The batch first lists its counters once each: KEYS holds the hash and set of counter c at 2c - 1 and 2c, and
 * ARGV, after now (ARGV[1]) and the number of counters (ARGV[2]), holds 4 values per counter: its kind
 * (`s`liding, `l`ease, `f`ixed), limit, and the window length (s, l) or the period start and end (f). Then come
 * the operations: `r` (reserve) or `s` (settle), the reservation id ('' when no counter keeps ids: fixed
 * periods alone), the number n of counters, and per counter its index c and a number: for a reserve the
 * amount; for a settle, for a fixed period the difference to add to its total (if the period still exists),
 * for a sliding entry its new amount (it keeps its time), for a lease anything (it is released); a fixed
 * period's settle may be 'difference/held', `held` being the amount it reserved, which leaves the amount in flight. `+` and a
 * count k stand for the previous operation k more times (a busy process sends many alike).
 *
 * Returns one flat list: now, then per operation its reply. A reserve takes from all its counters or from
 * none: 1 and the n totals; 0, the blocked index, the retry after ms or -1, the blocked counter's total and its
 * amount in flight (fixed periods; '0' otherwise); or 2 when a period is not
 * Redis's current one (the caller computes it again from that now). A settle replies 1; a reservation the
 * counter no longer holds (expired) is ignored. An operation that fails (a key of another type) replies its
 * error, and the others go on.
 *
 * @example
 * ```ts
 * const args = ['', 1, 's', 60, 60_000, 0, 'r', id, 1, 1, 1]; // one sliding counter; reserve 1 in it
 * const [now, status, total] = (await connection.run(script(BATCH_LUA), [hash, set], args)) as [number, number, string];
 * ```
 */
export const BATCH_LUA = `${PRELUDE}
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
local tonumber, ARGV, KEYS = tonumber, ARGV, KEYS
-- Per counter: kind, limit, a (window length, or period start) and b (period end).
local kinds, limits, A, B = {}, {}, {}, {}
for c = 1, tonumber(ARGV[2]) do
  local j = 4 * c - 1
  kinds[c], limits[c], A[c], B[c] = ARGV[j], tonumber(ARGV[j + 1]), tonumber(ARGV[j + 2]), tonumber(ARGV[j + 3])
end
-- Fixed periods already met in this batch, by hash: their total, and the end their expiry was set to. Time
-- stands still in a script, so a later operation on the same period needs neither HGET nor PEXPIRE again;
-- and while its total and amounts are integers (below 2^53 they add exactly, and HINCRBYFLOAT would print
-- the same digits) it counts here, and the total is written once (pending) before anything else reads it.
-- Any other use of that hash (a window of another kind under the same key) forgets it.
local totals, expiries, pending = {}, {}, {}
-- A fixed period's amount in flight (field 'i'), counted here like its total and written with it (dirty).
local flights, dirty = {}, {}
local function inflight(h)
  local f = flights[h]
  if f == nil then
    f = tonumber(redis.call('HGET', h, 'i')) or 0
    flights[h] = f
  end
  return f
end
local function sync(h)
  if pending[h] then
    redis.call('HSET', h, '', num(totals[h]))
    pending[h] = nil
  end
  if dirty[h] then
    redis.call('HSET', h, 'i', num(flights[h]))
    dirty[h] = nil
  end
end
local function forget(h)
  sync(h)
  totals[h], expiries[h], flights[h] = nil, nil, nil
end
local replies, r = {now}, 1
-- Operation counter i: its index at ARGV[at + 2i - 2], its number at ARGV[at + 2i - 1].
local function reserve(id, at, n)
  for i = 1, n do
    local c, amount = tonumber(ARGV[at + 2 * i - 2]), tonumber(ARGV[at + 2 * i - 1])
    local h, kind, limit = KEYS[2 * c - 1], kinds[c], limits[c]
    local total
    if kind == 'f' then
      if now < A[c] or now >= B[c] then
        r = r + 1
        replies[r] = 2
        return
      end
      total = totals[h]
      if not total then
        total = tonumber(redis.call('HGET', h, '')) or 0
        totals[h] = total
      end
    else
      forget(h)
      total = trim(h, KEYS[2 * c], now - A[c])
    end
    if total + amount > limit + 1e-9 then
      local wait, held = -1, 0
      if kind == 'f' then
        wait, held = B[c] - now, inflight(h)
      elseif kind == 's' then
        wait = room(h, KEYS[2 * c], total, amount, limit, A[c], now)
      end
      replies[r + 1], replies[r + 2], replies[r + 3], replies[r + 4], replies[r + 5] = 0, i - 1, wait, num(total), num(held)
      r = r + 5
      return
    end
  end
  r = r + 1
  replies[r] = 1
  for i = 1, n do
    local c, amount = tonumber(ARGV[at + 2 * i - 2]), ARGV[at + 2 * i - 1]
    local h = KEYS[2 * c - 1]
    r = r + 1
    if kinds[c] == 'f' then
      flights[h], dirty[h] = inflight(h) + tonumber(amount), true
      local total = totals[h]
      local sum = total + tonumber(amount)
      if expiries[h] == B[c] and total % 1 == 0 and sum % 1 == 0 and sum < 2^53 and sum > -2^53 then
        totals[h], pending[h], replies[r] = sum, true, sum
      else
        sync(h)
        total = redis.call('HINCRBYFLOAT', h, '', amount)
        totals[h], replies[r] = tonumber(total), total
        if expiries[h] ~= B[c] then
          redis.call('PEXPIRE', h, B[c] - now)
          expiries[h] = B[c]
        end
      end
    else
      local z = KEYS[2 * c]
      forget(h)
      replies[r] = redis.call('HINCRBYFLOAT', h, '', amount)
      redis.call('HSET', h, id, amount)
      redis.call('ZADD', z, now, id)
      redis.call('PEXPIRE', h, A[c])
      redis.call('PEXPIRE', z, A[c])
    end
  end
end
local function settle(id, at, n)
  for i = 1, n do
    local c, value = tonumber(ARGV[at + 2 * i - 2]), ARGV[at + 2 * i - 1]
    local h, z, kind = KEYS[2 * c - 1], KEYS[2 * c], kinds[c]
    if kind == 'f' then
      -- 'difference/held': what to add to the total, and what leaves the amount in flight.
      local slash = string.find(value, '/', 1, true)
      local diff, held = value, 0
      if slash then diff, held = string.sub(value, 1, slash - 1), tonumber(string.sub(value, slash + 1)) or 0 end
      sync(h)
      if redis.call('EXISTS', h) == 1 then
        local total = redis.call('HINCRBYFLOAT', h, '', diff)
        if totals[h] then totals[h] = tonumber(total) end
        local left = inflight(h) - held
        if left < 1e-9 then left = 0 end
        flights[h], dirty[h] = left, true
      end
    else
      local old = redis.call('HGET', h, id)
      if old then forget(h) end
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
  r = r + 1
  replies[r] = 1
end
-- The same reserve k times over, while all its counters are fixed periods counted here (see totals) with
-- whole amounts, distinct hashes and limits below 2^53 (so every sum stays exact): the checks and sums of
-- reserve, without reading the operation or running a command again. Returns how many it took: k, or 0.
local function rerun(at, n, k)
  local cs, hs, amounts = {}, {}, {}
  for i = 1, n do
    local c = tonumber(ARGV[at + 2 * i - 2])
    local h, amount = KEYS[2 * c - 1], tonumber(ARGV[at + 2 * i - 1])
    if kinds[c] ~= 'f' or expiries[h] ~= B[c] or amount % 1 ~= 0 or amount < 0 or totals[h] % 1 ~= 0 or totals[h] < 0 or limits[c] >= 2^53 - 1 then return 0 end
    for j = 1, i - 1 do
      if hs[j] == h then return 0 end
    end
    cs[i], hs[i], amounts[i] = c, h, amount
  end
  for _ = 1, k do
    local blocked
    for i = 1, n do
      if totals[hs[i]] + amounts[i] > limits[cs[i]] + 1e-9 then
        blocked = i
        break
      end
    end
    if blocked then
      local h = hs[blocked]
      replies[r + 1], replies[r + 2], replies[r + 3], replies[r + 4], replies[r + 5] = 0, blocked - 1, B[cs[blocked]] - now, num(totals[h]), num(inflight(h))
      r = r + 5
    else
      r = r + 1
      replies[r] = 1
      for i = 1, n do
        local h = hs[i]
        totals[h], pending[h] = totals[h] + amounts[i], true
        flights[h], dirty[h] = inflight(h) + amounts[i], true
        r = r + 1
        replies[r] = totals[h]
      end
    end
  end
  return k
end
local function run(op, id, at, n)
  local mark = r
  local ok, failure = pcall(op == 'r' and reserve or settle, id, at, n)
  if not ok then
    -- Whatever the failed operation replied so far goes; a failed command is a string on Redis 7.0, a table after.
    for j = r, mark + 1, -1 do replies[j] = nil end
    r = mark + 1
    replies[r] = redis.error_reply(type(failure) == 'table' and failure.err or tostring(failure))
  end
end
local at, last = 3 + 4 * tonumber(ARGV[2]), #ARGV
local op, id, base, n
while at <= last do
  if ARGV[at] == '+' then
    local k = tonumber(ARGV[at + 1])
    for _ = (op == 'r' and rerun(base, n, k) or 0) + 1, k do run(op, id, base, n) end
    at = at + 2
  else
    op, id, base, n = ARGV[at], ARGV[at + 1], at + 3, tonumber(ARGV[at + 2])
    run(op, id, base, n)
    at = base + 2 * n
  end
end
for h in pairs(pending) do sync(h) end
for h in pairs(dirty) do sync(h) end
return replies
`;
