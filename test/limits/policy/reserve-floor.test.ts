import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/errors/config-error.js';
import { limiterFrom } from '../../../src/limits/limits-options.js';
import { DEFAULT_RESERVE_FLOORS, resolveReserveFloors } from '../../../src/limits/policy/reserve-floor.js';

describe('limits.reserveFloor', () => {
  it('merges the given floors over the defaults, unit by unit', () => {
    assert.equal(resolveReserveFloors(undefined, 'f'), DEFAULT_RESERVE_FLOORS);
    const floors = resolveReserveFloors({ transcribe: { tokens: 300 }, chat: { usd: 0.05 } }, 'f');
    assert.deepEqual(floors.transcribe, { usd: 0.006, tokens: 300 });
    assert.deepEqual(floors.chat, { usd: 0.05 });
    assert.deepEqual(floors.embed, DEFAULT_RESERVE_FLOORS.embed);
    assert.deepEqual(limiterFrom({ policies: [], reserveFloor: { speak: { usd: 0 } } }).reserveFloor.speak, { usd: 0 });
  });

  it('refuses a bad floor with a ConfigError naming the field', () => {
    const field = (given: unknown): string | undefined => {
      try {
        limiterFrom({ policies: [], reserveFloor: given as never });
      } catch (error) {
        return ConfigError.isInstance(error) ? error.field : 'not a ConfigError';
      }
      return undefined;
    };
    assert.equal(field(0.01), 'limits.reserveFloor');
    assert.equal(field({ Chat: { usd: 1 } }), 'limits.reserveFloor.Chat');
    assert.equal(field({ chat: 0.01 }), 'limits.reserveFloor.chat');
    assert.equal(field({ chat: { dollars: 1 } }), 'limits.reserveFloor.chat.dollars');
    assert.equal(field({ chat: { usd: -1 } }), 'limits.reserveFloor.chat.usd');
    assert.equal(field({ chat: { usd: Number.NaN } }), 'limits.reserveFloor.chat.usd');
    assert.equal(field({ chat: { tokens: '100' } }), 'limits.reserveFloor.chat.tokens');
    assert.equal(field({ chat: { usd: 0.5, tokens: 10 } }), undefined);
  });
});
