import { assertKnownKeys } from '../../config/known-keys.js';
import { ConfigError } from '../../errors/config-error.js';
import { OPERATIONS, type Operation } from '../../operations/operation.js';

/**
 * What a call reserves in a unit whose amount cannot be estimated before it is sent. `usd`: the model has no
 * known price (a fine-tune, a model newer than the price tables); the call then also settles this amount,
 * since its actual cost stays unknown. `tokens`: a call billed in tokens whose token estimate is 0.
 *
 * @example
 * ```ts
 * const floor: ReserveFloor = { usd: 0.02 };
 * ```
 */
export interface ReserveFloor {
  /** US dollars reserved (and settled) when the model is unpriced. */
  readonly usd?: number;
  /** Tokens (a `tokens` policy's unit) reserved when a token-billed call's estimate is 0. @default 0 */
  readonly tokens?: number;
}

/**
 * The `limits.reserveFloor` option: a {@link ReserveFloor} per operation, merged over
 * {@link DEFAULT_RESERVE_FLOORS} unit by unit.
 *
 * @example
 * ```ts
 * const reserveFloor: ReserveFloors = { chat: { usd: 0.05 }, transcribe: { usd: 0.012 } };
 * ```
 */
export type ReserveFloors = Readonly<Partial<Record<Operation, ReserveFloor>>>;

/**
 * The floors used unless `limits.reserveFloor` says otherwise: about the cost of a typical call. Chat $0.01 (1 000
 * tokens in and out of a mid-priced model), embeddings $0.0001, speech $0.015 (1 000 characters of `tts-1`, a
 * minute of `gpt-4o-mini-tts`), transcription $0.006 (a minute of `whisper-1`); no token floor.
 *
 * @example
 * ```ts
 * DEFAULT_RESERVE_FLOORS.transcribe.usd; // 0.006
 * ```
 */
export const DEFAULT_RESERVE_FLOORS: Readonly<Record<Operation, ReserveFloor>> = {
  chat: { usd: 0.01 },
  streamChat: { usd: 0.01 },
  embed: { usd: 0.0001 },
  speak: { usd: 0.015 },
  streamSpeak: { usd: 0.015 },
  transcribe: { usd: 0.006 },
};

/**
 * The floors of every operation: `given` merged over {@link DEFAULT_RESERVE_FLOORS}. Throws {@link ConfigError}
 * naming the field for an unknown operation or unit, or an amount that is not a finite number ≥ 0.
 *
 * @example
 * ```ts
 * const floors = resolveReserveFloors({ transcribe: { usd: 0.012 } }, 'limits.reserveFloor');
 * floors.chat.usd; // 0.01
 * ```
 */
export function resolveReserveFloors(given: unknown, field: string): Readonly<Record<Operation, ReserveFloor>> {
  if (given === undefined) return DEFAULT_RESERVE_FLOORS;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) throw new ConfigError(field, 'expected floors by operation, such as { transcribe: { usd: 0.006 } }');
  const floors: Record<Operation, ReserveFloor> = { ...DEFAULT_RESERVE_FLOORS };
  assertKnownKeys(given, OPERATIONS, field);
  for (const [operation, floor] of Object.entries(given)) {
    if (typeof floor !== 'object' || floor === null || Array.isArray(floor)) throw new ConfigError(`${field}.${operation}`, 'expected { usd, tokens }');
    assertKnownKeys(floor as object, ['usd', 'tokens'], `${field}.${operation}`);
    for (const [unit, amount] of Object.entries(floor as Record<string, unknown>)) {
      if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) throw new ConfigError(`${field}.${operation}.${unit}`, 'expected a finite number ≥ 0');
    }
    floors[operation as Operation] = { ...DEFAULT_RESERVE_FLOORS[operation as Operation], ...(floor as ReserveFloor) };
  }
  return floors;
}
