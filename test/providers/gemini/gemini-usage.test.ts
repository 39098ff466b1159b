import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { geminiUsage, partialGeminiUsage } from '../../../src/providers/gemini/gemini-usage.js';

// A reply of Vertex AI's generateContent (which, unlike the Gemini API, says how the request was served), with
// every count and detail list the API defines.
const METADATA = {
  promptTokenCount: 1300,
  candidatesTokenCount: 40,
  totalTokenCount: 1522,
  cachedContentTokenCount: 1000,
  toolUsePromptTokenCount: 100,
  thoughtsTokenCount: 82,
  promptTokensDetails: [
    { modality: 'TEXT', tokenCount: 200 },
    { modality: 'IMAGE', tokenCount: 258 },
    { modality: 'AUDIO', tokenCount: 320 },
    { modality: 'VIDEO', tokenCount: 263 },
    { modality: 'DOCUMENT', tokenCount: 259 },
  ],
  cacheTokensDetails: [
    { modality: 'TEXT', tokenCount: 200 },
    { modality: 'DOCUMENT', tokenCount: 800 },
  ],
  candidatesTokensDetails: [
    { modality: 'TEXT', tokenCount: 30 },
    { modality: 'AUDIO', tokenCount: 10 },
  ],
  toolUsePromptTokensDetails: [{ modality: 'TEXT', tokenCount: 100 }],
  trafficType: 'ON_DEMAND',
};

describe('geminiUsage: every usageMetadata field', () => {
  it('totals, tool-use prompt, modality splits that add up to their totals, traffic type', () => {
    assert.deepEqual(geminiUsage(METADATA), {
      requests: 1,
      inputTokens: { value: 1400, provenance: 'reported' },
      outputTokens: { value: 122, provenance: 'reported' },
      cachedInputTokens: { value: 1000, provenance: 'reported' },
      reasoningTokens: { value: 82, provenance: 'reported' },
      toolUsePromptTokens: { value: 100, provenance: 'reported' },
      modalities: {
        input: { text: 300, image: 258, audio: 320, video: 263, document: 259 },
        cachedInput: { text: 200, document: 800 },
        output: { text: 112, audio: 10 },
      },
      trafficType: 'ON_DEMAND',
    });
  });

  it('leaves out what the reply leaves out: no tool use, no details, no traffic type', () => {
    assert.deepEqual(geminiUsage({ promptTokenCount: 5, candidatesTokenCount: 3 }), {
      requests: 1,
      inputTokens: { value: 5, provenance: 'reported' },
      outputTokens: { value: 3, provenance: 'reported' },
      cachedInputTokens: { value: 0, provenance: 'reported' },
      reasoningTokens: { value: 0, provenance: 'reported' },
    });
    // An unnamed modality is left out of the split (which then adds up to less than its total).
    assert.deepEqual(geminiUsage({ promptTokenCount: 5, promptTokensDetails: [{ modality: 'MODALITY_UNSPECIFIED', tokenCount: 2 }, { modality: 'TEXT', tokenCount: 3 }] }).modalities, { input: { text: 3 } });
  });

  it('a cut stream keeps the last chunk\'s tool-use prompt and input splits, as estimates; not its output split', async () => {
    const usage = await partialGeminiUsage(METADATA, 'prompt', { text: '', toolCalls: [] });
    assert.deepEqual(usage.toolUsePromptTokens, { value: 100, provenance: 'estimated' });
    assert.deepEqual(usage.inputTokens, { value: 1400, provenance: 'estimated' });
    assert.deepEqual(usage.modalities, { input: { text: 300, image: 258, audio: 320, video: 263, document: 259 }, cachedInput: { text: 200, document: 800 } });
    assert.equal(usage.trafficType, 'ON_DEMAND');
    // Vertex's first chunks carry only the traffic type: no prompt count yet, so the prompt text is tokenized.
    const early = await partialGeminiUsage({ trafficType: 'ON_DEMAND' }, 'Hello there', { text: '', toolCalls: [] });
    assert.equal(early.inputTokens?.provenance, 'estimated');
    assert.ok((early.inputTokens?.value ?? 0) > 0);
    assert.equal(early.modalities, undefined);
  });

  it("with tokenCounting 'off': what needed counting is missing, never 0; the reported prompt stays", async () => {
    const early = await partialGeminiUsage({ trafficType: 'ON_DEMAND' }, 'Hello there', { text: 'Hi', toolCalls: [] }, 'off');
    assert.deepEqual(early.inputTokens, { value: null, provenance: 'missing' });
    assert.deepEqual(early.outputTokens, { value: null, provenance: 'missing' });
    const late = await partialGeminiUsage(METADATA, 'prompt', { text: 'Hi', toolCalls: [] }, 'off');
    assert.deepEqual(late.inputTokens, { value: 1400, provenance: 'estimated' });
    assert.deepEqual(late.outputTokens, { value: null, provenance: 'missing' });
  });
});
