import type { Quantity, Usage } from '../../src/usage.js';
import type { UsageEvent, UsageStatus } from '../../src/usage-event.js';

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = [
  { provider: 'openai', model: 'gpt-4o-mini', operations: ['chat', 'streamChat'], unit: 'tokens' },
  { provider: 'openai', model: 'text-embedding-3-small', operations: ['embed'], unit: 'embed' },
  { provider: 'openai', model: 'whisper-1', operations: ['transcribe'], unit: 'audio' },
  { provider: 'gemini', model: 'gemini-2.5-flash', operations: ['chat', 'streamChat'], unit: 'tokens' },
  { provider: 'elevenlabs', model: 'eleven_flash_v2_5', operations: ['speak', 'streamSpeak'], unit: 'speech' },
  { provider: 'elevenlabs', model: 'eleven_multilingual_v2', operations: ['speak'], unit: 'speech' },
] as const;

/** Includes a value a CSV must quote. */
export const CUSTOMERS = ['acme', 'globex', 'initech', 'umbrella, "ltd"', undefined] as const;
export const PROJECTS = ['voice', 'search', 'batch', undefined] as const;

/** Times right at and around the boundaries the tests query, so `since` inclusive / `until` exclusive shows. */
export const BOUNDARY_TIMES = ['2026-10-31T23:59:59.999Z', '2026-11-01T00:00:00.000Z', '2026-11-30T23:59:59.999Z', '2026-12-01T00:00:00.000Z'];

const START = Date.parse('2026-08-20T00:00:00.000Z');
const SPAN = Date.parse('2026-12-10T00:00:00.000Z') - START;

/**
 * `count` varied usage events, the same for the same seed: three providers and six models, every status, some
 * estimated and missing figures, token totals split by modality (audio, cached audio) with a service tier on every
 * third chat, priced, unpriced and unknown costs, markups, tags present and absent, times
 * from 2026-08-20 to 2026-12-10 (a few exactly on {@link BOUNDARY_TIMES}). In no particular time order, as
 * several instances writing one ledger produce.
 */
export function generateUsageEvents(count: number, seed = 42): UsageEvent[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const int = (max: number): number => Math.floor(next() * max);
  const events: UsageEvent[] = [];
  for (let i = 0; i < count; i += 1) {
    const kind = pick(KINDS);
    const roll = next();
    const status: UsageStatus = roll < 0.06 ? 'error' : roll < 0.1 ? 'aborted' : 'ok';
    const time = i < BOUNDARY_TIMES.length * 5 ? BOUNDARY_TIMES[i % BOUNDARY_TIMES.length]! : new Date(START + int(SPAN)).toISOString();
    const plain = status === 'error' ? { requests: 1 } : usageOf(kind.unit, status, next, int);
    const usage = kind.unit === 'tokens' ? withModalities(plain, i) : plain;
    const costRoll = next();
    const usd = int(50_000) / 1e6;
    const cost =
      costRoll < 0.15 || status === 'error'
        ? undefined
        : costRoll < 0.2
          ? { usd: undefined, unpriced: 'unknown_model' as const, snapshot: { source: 'test', version: '1', rates: {} } }
          : { usd, ...(costRoll < 0.45 ? { markupUsd: usd * 0.2 } : {}), snapshot: { source: 'test', version: '1', rates: {} } };
    const customer = pick(CUSTOMERS);
    const project = pick(PROJECTS);
    const session = next() < 0.8 ? `s-${int(300)}` : undefined;
    events.push({
      id: `e-${seed}-${i}`,
      callId: `c-${seed}-${i}`,
      attempt: 1,
      time,
      provider: kind.provider,
      operation: pick(kind.operations),
      model: kind.model,
      environment: next() < 0.7 ? 'production' : 'staging',
      tags: { ...(customer ? { customer } : {}), ...(project ? { project } : {}), ...(session ? { session } : {}) },
      status,
      latencyMs: int(2000),
      usage,
      ...(cost ? { cost } : {}),
    });
  }
  return events;
}

function usageOf(unit: (typeof KINDS)[number]['unit'], status: UsageStatus, next: () => number, int: (max: number) => number): Usage {
  const figure = (value: number): Quantity => {
    const roll = next();
    if (roll < 0.01) return { value: null, provenance: 'missing' };
    return { value, provenance: status === 'aborted' || roll < 0.03 ? 'estimated' : 'reported' };
  };
  switch (unit) {
    case 'tokens': {
      const input = 1 + int(4000);
      const output = int(1000);
      return { requests: 1, inputTokens: figure(input), outputTokens: figure(output), cachedInputTokens: figure(int(input)), reasoningTokens: figure(int(output + 1)) };
    }
    case 'embed':
      return { requests: 1, inputTokens: figure(1 + int(8000)) };
    case 'audio':
      return { requests: 1, audioSeconds: figure(int(6000) / 10) };
    case 'speech': {
      const characters = 1 + int(2000);
      return { requests: 1, characters: figure(characters), credits: figure(characters / 2) };
    }
  }
}

/** Every third chat's totals split by modality (half the input audio, half the cached input audio), with a service tier. */
function withModalities(usage: Usage, i: number): Usage {
  const input = usage.inputTokens?.value;
  const cached = usage.cachedInputTokens?.value;
  const output = usage.outputTokens?.value;
  if (i % 3 !== 0 || input == null || cached == null || output == null) return usage;
  const audio = Math.floor(input / 2);
  const cachedAudio = Math.floor(cached / 2);
  return {
    ...usage,
    modalities: { input: { text: input - audio, audio }, cachedInput: { text: cached - cachedAudio, audio: cachedAudio }, output: { text: output } },
    serviceTier: i % 2 === 0 ? 'default' : 'flex',
  };
}
