// What every limit store must do, run by memory-store.test.ts and redis-store.test.ts against their real
// stores on a hand-set clock: all-or-nothing reserves, sliding and fixed windows (calendar periods included),
// settles (also after their window), leases, reads, claims, and no overshoot under concurrency.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { CounterRequest, CounterState, LimitStore, ReserveResult } from '../../src/limits/stores/limit-store.js';
import { resolveWindow, type WindowSpec } from '../../src/limits/policy/limit-window.js';

/** A clock a test sets by hand. */
export interface HandClock {
  now(): number;
  set(epochMs: number): void;
  advance(ms: number): void;
}

export function handClock(start: number): HandClock {
  let t = start;
  return {
    now: () => t,
    set: (epochMs) => void (t = epochMs),
    advance: (ms) => void (t += ms),
  };
}

/** One empty store on a hand clock; `peer` opens another instance on the same counters (another process). */
export interface StoreUnderTest {
  readonly store: LimitStore;
  readonly clock: HandClock;
  readonly peer: () => LimitStore;
}

const T0 = Date.parse('2026-03-08T12:00:00Z');
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());
const counter = (key: string, window: WindowSpec, limit: number, amount: number): CounterRequest => ({ key, limit, amount, window: resolveWindow(window, 'window') });
const lease = (key: string, limit: number, ms: number): CounterRequest => ({ key, limit, amount: 1, window: { type: 'lease', ms } });

function admitted(result: ReserveResult): readonly CounterState[] {
  assert.equal(result.ok, true, `expected the reservation to fit: ${JSON.stringify(result)}`);
  return result.ok ? result.counters : [];
}

function blocked(result: ReserveResult): { blocked: number; retryAfterMs: number | undefined } {
  assert.equal(result.ok, false, 'expected the reservation to be refused');
  return result.ok ? { blocked: -1, retryAfterMs: undefined } : { blocked: result.blocked, retryAfterMs: result.retryAfterMs };
}

const settleAll = (store: LimitStore, id: string, states: readonly CounterState[], amount: number): Promise<void> =>
  store.settle(id, states.map((s) => ({ slot: s.slot, amount })));

export function limitStoreContract(open: (start: number) => StoreUnderTest | Promise<StoreUnderTest>): void {
  it('offers the contract and nothing else: name, reserve, settle, read, claimOnce, close', async () => {
    const { store } = await open(T0);
    assert.deepEqual(Object.keys(store).sort(), ['claimOnce', 'close', 'name', 'read', 'reserve', 'settle']);
  });

  it('takes from every counter or from none, and names the full one', async () => {
    const { store } = await open(T0);
    const rpm = counter('rpm|', 'minute', 10, 5);
    const daily = counter('rpd|', 'day', 3, 5);
    assert.deepEqual(blocked(await store.reserve('a', [rpm, daily])), { blocked: 1, retryAfterMs: Date.parse('2026-03-09T00:00:00Z') - T0 });
    assert.equal((await store.read(rpm)).used, 0, 'the first counter gave back nothing because it took nothing');
    const states = admitted(await store.reserve('b', [rpm, { ...daily, amount: 3 }]));
    assert.deepEqual(states.map((s) => s.used), [5, 3]);
    assert.deepEqual(states.map((s) => s.slot.lease), [false, false]);
  });

  it('a sliding window frees an amount exactly when it leaves; retryAfterMs says when', async () => {
    const { store, clock } = await open(T0);
    const rpm = counter('rpm|', 'minute', 2, 1);
    admitted(await store.reserve('a', [rpm]));
    clock.advance(10_000);
    admitted(await store.reserve('b', [rpm]));
    assert.deepEqual(blocked(await store.reserve('c', [rpm])), { blocked: 0, retryAfterMs: 50_000 });
    clock.set(T0 + 59_999);
    assert.equal(blocked(await store.reserve('c', [rpm])).retryAfterMs, 1);
    clock.set(T0 + 60_000);
    assert.equal(admitted(await store.reserve('c', [rpm]))[0]!.used, 2);
    assert.equal((await store.read(rpm)).used, 2);
  });

  it('retryAfterMs of a sliding window waits for as many amounts as must leave', async () => {
    const { store, clock } = await open(T0);
    const tpm = (amount: number) => counter('tpm|', 'minute', 10, amount);
    for (const amount of [4, 4, 2]) {
      admitted(await store.reserve(`r${amount}-${clock.now()}`, [tpm(amount)]));
      clock.advance(1_000);
    }
    assert.equal(blocked(await store.reserve('big', [tpm(7)])).retryAfterMs, T0 + 1_000 + 60_000 - clock.now());
    assert.equal(blocked(await store.reserve('huge', [tpm(11)])).retryAfterMs, undefined, 'never fits');
  });

  it('entries taken out of time order (a clock stepped back) still leave at their own time', async () => {
    const { store, clock } = await open(T0 + 10_000);
    const rpm = counter('rpm|', 'minute', 3, 1);
    admitted(await store.reserve('late', [rpm]));
    clock.set(T0);
    admitted(await store.reserve('early', [rpm]));
    clock.set(T0 + 60_000);
    assert.equal((await store.read(rpm)).used, 1, 'the entry taken at T0 left, the one taken at T0 + 10 s stays');
    admitted(await store.reserve('next', [{ ...rpm, amount: 2 }]));
    assert.equal(blocked(await store.reserve('full', [rpm])).retryAfterMs, 10_000);
  });

  it('a fixed period resets at its end and reports its bounds', async () => {
    const { store, clock } = await open(Date.parse('2026-01-01T00:00:45Z'));
    const rpm = counter('rpm|', { unit: 'minute', type: 'fixed' }, 1, 1);
    const [first] = admitted(await store.reserve('a', [rpm]));
    assert.deepEqual([iso(first!.start), iso(first!.end)], ['2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z']);
    assert.equal(blocked(await store.reserve('b', [rpm])).retryAfterMs, 15_000);
    clock.set(Date.parse('2026-01-01T00:01:00Z'));
    const [next] = admitted(await store.reserve('b', [rpm]));
    assert.deepEqual([iso(next!.start), next!.used], ['2026-01-01T00:01:00.000Z', 1]);
    assert.notEqual(next!.slot.id, first!.slot.id);
  });

  it('calendar periods: a Pacific day of 23 hours on the spring DST day, a month anchored on the 31st', async () => {
    const { store, clock } = await open(Date.parse('2026-03-08T08:00:00Z'));
    const rpd = counter('rpd|', { unit: 'day', timeZone: 'America/Los_Angeles' }, 1, 1);
    admitted(await store.reserve('a', [rpd]));
    assert.equal(blocked(await store.reserve('b', [rpd])).retryAfterMs, 23 * 3_600_000);
    clock.set(Date.parse('2026-03-09T07:00:00Z'));
    admitted(await store.reserve('b', [rpd]));
    clock.set(Date.parse('2026-02-27T23:00:00Z'));
    const month = counter('credits|', { unit: 'month', anchorDay: 31 }, 100, 100);
    const [state] = admitted(await store.reserve('c', [month]));
    assert.deepEqual([iso(state!.start), iso(state!.end)], ['2026-01-31T00:00:00.000Z', '2026-02-28T00:00:00.000Z']);
    const reading = await store.read(month);
    assert.deepEqual([reading.used, iso(reading.end)], [100, '2026-02-28T00:00:00.000Z']);
  });

  it('settle refunds and charges; a settled fixed reservation is final', async () => {
    const { store } = await open(T0);
    const tpm = (amount: number) => counter('tpm|', { unit: 'minute', type: 'fixed' }, 1000, amount);
    await settleAll(store, 'a', admitted(await store.reserve('a', [tpm(600)])), 150);
    const b = admitted(await store.reserve('b', [tpm(100)]));
    await settleAll(store, 'b', b, 300);
    await settleAll(store, 'b', b, 999);
    await store.settle('nobody', b.map((s) => ({ slot: s.slot, amount: 5 })));
    assert.equal((await store.read(tpm(1))).used, 450);
  });

  it('a reservation of 0 is admitted and settles what was billed; an overspent counter refuses it', async () => {
    const { store, clock } = await open(T0);
    const usd = (amount: number) => counter('usd|', { unit: 'month', type: 'fixed' }, 0.005, amount);
    const sliding = (amount: number) => counter('usd-s|', 'minute', 0.005, amount);
    const a = admitted(await store.reserve('a', [usd(0), sliding(0)]));
    assert.deepEqual(a.map((s) => s.used), [0, 0]);
    await settleAll(store, 'a', a, 0.004);
    assert.deepEqual([(await store.read(usd(0))).used, (await store.read(sliding(0))).used], [0.004, 0.004]);
    const b = admitted(await store.reserve('b', [usd(0), sliding(0)]));
    await settleAll(store, 'b', b, 0.002);
    assert.deepEqual([(await store.read(usd(0))).used, (await store.read(sliding(0))).used], [0.006, 0.006]);
    assert.equal(blocked(await store.reserve('c', [usd(0)])).blocked, 0, 'over its limit: not even 0 fits');
    assert.equal(blocked(await store.reserve('d', [sliding(0)])).blocked, 0);
    clock.advance(60_000);
    admitted(await store.reserve('e', [sliding(0)]));
  });

  it('a sliding reservation takes its settled amount and still leaves at its own time', async () => {
    const { store, clock } = await open(T0);
    const tpm = (amount: number) => counter('tpm|', 'minute', 1000, amount);
    const a = admitted(await store.reserve('a', [tpm(600)]));
    clock.advance(30_000);
    admitted(await store.reserve('b', [tpm(100)]));
    await settleAll(store, 'a', a, 50);
    assert.equal((await store.read(tpm(1))).used, 150);
    clock.set(T0 + 60_000);
    assert.equal((await store.read(tpm(1))).used, 100);
  });

  it('a settle after its window ended changes nothing in the current one', async () => {
    const { store, clock } = await open(T0);
    const fixed = counter('f|', { unit: 'minute', type: 'fixed' }, 10, 5);
    const sliding = counter('s|', 'minute', 10, 5);
    const old = admitted(await store.reserve('old', [fixed, sliding]));
    clock.advance(60_000);
    admitted(await store.reserve('new', [{ ...fixed, amount: 1 }, { ...sliding, amount: 1 }]));
    await settleAll(store, 'old', old, 9);
    assert.deepEqual([(await store.read(fixed)).used, (await store.read(sliding)).used], [1, 1]);
  });

  it('leases: a settle releases the slot; a lease whose holder died frees after its time', async () => {
    const { store, clock } = await open(T0);
    const slots = lease('tts|', 1, 600_000);
    const held = admitted(await store.reserve('a', [slots]));
    assert.equal(held[0]!.slot.lease, true);
    assert.deepEqual(blocked(await store.reserve('b', [slots])), { blocked: 0, retryAfterMs: undefined });
    await settleAll(store, 'a', held, 0);
    admitted(await store.reserve('b', [slots]));
    clock.advance(599_999);
    blocked(await store.reserve('c', [slots]));
    clock.advance(1);
    assert.equal(admitted(await store.reserve('c', [slots]))[0]!.used, 1, 'the dead holder b no longer counts');
  });

  it('read changes nothing; a counter never used reads 0', async () => {
    const { store } = await open(T0);
    const month = counter('usd|', 'month', 5, 2);
    const unused = await store.read(month);
    assert.deepEqual([unused.used, iso(unused.start), iso(unused.end)], [0, '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z']);
    assert.equal((await store.read(counter('never|', 'minute', 1, 1))).used, 0);
    admitted(await store.reserve('a', [month]));
    assert.equal((await store.read(month)).used, 2);
    assert.equal((await store.read(month)).used, 2);
  });

  it('claimOnce: true once until `until`, then true again; a past `until` always claims', async () => {
    const { store, clock } = await open(T0);
    assert.equal(await store.claimOnce('alert|a|0.5', T0 + 1_000), true);
    assert.equal(await store.claimOnce('alert|a|0.5', T0 + 1_000), false);
    assert.equal(await store.claimOnce('alert|a|0.8', T0 + 1_000), true, 'another key');
    clock.advance(1_000);
    assert.equal(await store.claimOnce('alert|a|0.5', T0 + 2_000), true);
    assert.equal(await store.claimOnce('alert|past', T0), true);
    assert.equal(await store.claimOnce('alert|past', T0), true);
  });

  it('fractional amounts (usd) fill a limit to the last cent', async () => {
    const { store } = await open(T0);
    const usd = counter('usd|', 'month', 1, 0.1);
    for (let i = 0; i < 10; i += 1) admitted(await store.reserve(`u${i}`, [usd]));
    blocked(await store.reserve('u10', [usd]));
    assert.ok(Math.abs((await store.read(usd)).used - 1) < 1e-9);
  });

  it('many reservations at once, from two instances, never overshoot', async () => {
    const { store, peer } = await open(T0);
    const other = peer();
    const rpm = counter('rpm|', 'minute', 25, 1);
    const day = counter('usd|', 'day', 7.5, 0.25);
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? store : other).reserve(`c${i}`, [rpm, day])));
    assert.equal(results.filter((r) => r.ok).length, 25);
    assert.equal((await store.read(rpm)).used, 25);
    assert.ok(Math.abs((await other.read(day)).used - 6.25) < 1e-9);
    if (other !== store) await other.close();
  });

  it('a fixed period tells the amount in flight apart: reserved, then settled, from both instances', async () => {
    const { store, peer } = await open(T0);
    const other = peer();
    const budget = counter('budget|', 'month', 1, 0.25);
    const held = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? store : other).reserve(`f${i}`, [budget])));
    assert.equal(held.filter((r) => r.ok).length, 4);
    const refused = held.find((r) => !r.ok);
    assert.ok(refused && !refused.ok);
    assert.ok(Math.abs(refused.used - 1) < 1e-9 && Math.abs(refused.inFlight - 1) < 1e-9, `all of it in flight: ${JSON.stringify(refused)}`);
    const taken = held.filter((r) => r.ok).map((r) => (r.ok ? r.counters : []));
    await settleAll(store, 'f0', taken[0]!, 0.1);
    await settleAll(other, 'f2', taken[1]!, 0.25);
    const reading = await other.read(budget);
    assert.ok(Math.abs(reading.used - 0.85) < 1e-9 && Math.abs(reading.inFlight - 0.5) < 1e-9, `settled 0.35, in flight 0.5: ${JSON.stringify(reading)}`);
    const again = await store.reserve('f8', [{ ...budget, amount: 0.2 }]);
    assert.ok(!again.ok && Math.abs(again.inFlight - 0.5) < 1e-9 && Math.abs(again.used - 0.85) < 1e-9);
    await settleAll(store, 'f4', taken[2]!, 0);
    await settleAll(other, 'f6', taken[3]!, 0.25);
    await settleAll(other, 'f6', taken[3]!, 0.5); // a second settle changes nothing
    const done = await store.read(budget);
    assert.ok(Math.abs(done.used - 0.6) < 1e-9 && done.inFlight === 0, `nothing in flight: ${JSON.stringify(done)}`);
    assert.equal((await store.read(counter('rpm|', 'minute', 1, 1))).inFlight, 0, 'a sliding window reports none');
    if (other !== store) await other.close();
  });

  it('many reserves of one tick in a fixed period count their amount in flight, whole or fractional', async () => {
    const { store } = await open(T0);
    for (const [key, amount] of [['whole|', 1], ['frac|', 0.5]] as const) {
      const c = counter(key, 'day', 10, amount);
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => store.reserve(`${key}${i}`, [c])));
      const taken = results.filter((r) => r.ok).length;
      assert.equal(taken, 10 / amount);
      const last = results[results.length - 1]!;
      assert.ok(!last.ok && Math.abs(last.inFlight - 10) < 1e-9, `${key}: ${JSON.stringify(last)}`);
      await Promise.all(results.map((r, i) => (r.ok ? settleAll(store, `${key}${i}`, r.counters, amount / 2) : Promise.resolve())));
      const reading = await store.read(c);
      assert.ok(Math.abs(reading.used - 5) < 1e-9 && reading.inFlight === 0, `${key}: ${JSON.stringify(reading)}`);
    }
  });
}
