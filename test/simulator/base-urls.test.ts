// The simulator's base URLs: one spelling, `baseURL`, as the adapters' option; the old `…BaseUrl` names stay as
// deprecated aliases of the same values.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';

describe('simulator base URLs', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator();
  });
  after(() => sim.close());

  it('names every base URL baseURL: OpenAI with /v1, Gemini and ElevenLabs the bare URL', () => {
    assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(sim.openaiBaseURL, `${sim.url}/v1`);
    assert.equal(sim.geminiBaseURL, sim.url);
    assert.equal(sim.elevenlabsBaseURL, sim.url);
  });

  it('keeps geminiBaseUrl and elevenlabsBaseUrl as aliases', () => {
    assert.equal(sim.geminiBaseUrl, sim.geminiBaseURL);
    assert.equal(sim.elevenlabsBaseUrl, sim.elevenlabsBaseURL);
  });
});
