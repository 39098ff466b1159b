// The limit store contract on the in-process store.
import { describe } from 'node:test';
import { memoryStore } from '../../../src/limits/stores/memory-store.js';
import { handClock, limitStoreContract } from '../../support/limit-store-contract.js';

describe('memoryStore', () => {
  limitStoreContract((start) => {
    const clock = handClock(start);
    const store = memoryStore({ clock });
    return { store, clock, peer: () => store };
  });
});
