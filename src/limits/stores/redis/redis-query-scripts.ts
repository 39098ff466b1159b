// The Redis limit store's reads and alert claims, on the prelude of its batch script (redis-scripts.ts).
import { PRELUDE } from './redis-scripts.js';

/**
 * Read. KEYS: hash, set. ARGV: now, kind, window length or period start, period end. Returns {1, now, total}
 * ({1, now, total, in flight} for a fixed period) or {2, now}.
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
  local held = redis.call('HMGET', KEYS[1], '', 'i')
  return {1, now, held[1] or '0', held[2] or '0'}
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
