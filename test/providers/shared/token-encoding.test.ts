import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodingFor, loadModelMap } from '../../../src/providers/shared/token-encoding.js';

describe('encodingFor', () => {
  const cases: [string, string, string][] = [
    // Listed by js-tiktoken.
    ['openai', 'gpt-4o-mini', 'o200k_base'],
    ['openai', 'gpt-4o-2024-08-06', 'o200k_base'],
    ['openai', 'gpt-4.1-nano', 'o200k_base'],
    ['openai', 'o3-mini', 'o200k_base'],
    ['openai', 'gpt-5-mini', 'o200k_base'],
    ['openai', 'chatgpt-4o-latest', 'o200k_base'],
    ['openai', 'gpt-4', 'cl100k_base'],
    ['openai', 'gpt-4-turbo', 'cl100k_base'],
    ['openai', 'gpt-3.5-turbo', 'cl100k_base'],
    ['openai', 'text-embedding-3-small', 'cl100k_base'],
    ['openai', 'text-davinci-003', 'p50k_base'],
    // Not listed: by generation.
    ['openai', 'gpt-4o-mini-tts', 'o200k_base'],
    ['openai', 'gpt-4o-transcribe', 'o200k_base'],
    ['openai', 'gpt-4.1-mini-2099-01-01', 'o200k_base'],
    ['openai', 'o4-mini-deep-research', 'o200k_base'],
    ['openai', 'gpt-5.2-pro', 'o200k_base'],
    ['openai', 'gpt-4-0314-future', 'cl100k_base'],
    ['openai', 'gpt-3.5-turbo-instruct-2099', 'cl100k_base'],
    ['openai', 'text-embedding-4', 'cl100k_base'],
    ['openai', 'ft:gpt-3.5-turbo-0125:acme::abc123', 'cl100k_base'],
    ['openai', 'ft:gpt-4o-mini-2024-07-18:acme:custom:abc123', 'o200k_base'],
    ['openai', 'some-new-model', 'o200k_base'],
    // Gemini: o200k_base stands in for its unpublished tokenizer.
    ['gemini', 'gemini-2.5-flash', 'o200k_base'],
    ['gemini', 'text-embedding-004', 'o200k_base'],
  ];
  // Legacy completion models are the only ones where the generation rule and js-tiktoken's map differ.
  const LEGACY = new Set(['text-davinci-003']);

  it('before js-tiktoken\'s map is loaded (the first call starts loading it), by generation, agreeing with the map', () => {
    for (const [provider, model, encoding] of cases) if (!LEGACY.has(model)) assert.equal(encodingFor(provider, model), encoding, model);
  });

  for (const [provider, model, encoding] of cases) {
    it(`${provider}:${model} → ${encoding}`, async () => {
      await loadModelMap();
      assert.equal(encodingFor(provider, model), encoding);
    });
  }
});
