import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/errors/config-error.js';
import { SdkMissingError } from '../../../src/errors/sdk-missing-error.js';
import { gemini } from '../../../src/providers/gemini/index.js';
import { adapterCall, fakeKey, sdkClient } from '../../support/providers/gemini.js';
import { GEMINI_SDKS, ONLY_CURRENT_SDKS } from '../../support/sdk-generations.js';
import { useSimulator } from '../../support/use-simulator.js';

// Each SDK names itself in `x-goog-api-client`: `google-genai-sdk/<version>` or `genai-js/<version>`.
const CLIENT_HEADER: Readonly<Record<string, RegExp>> = { '@google/genai': /^google-genai-sdk\//, '@google/generative-ai': /^genai-js\// };
const hello = { model: 'gemini:gemini-2.0-flash' as const, messages: [{ role: 'user' as const, content: 'Hello' }] };

describe('gemini(): which SDK drives the calls', () => {
  const sim = useSimulator();

  it('by default the successor @google/genai (installed in every run)', async () => {
    await gemini({ baseURL: sim.geminiBaseUrl }).chat(adapterCall('gemini-2.0-flash', hello, fakeKey()));
    assert.match(sim.requests[0]!.headers['x-goog-api-client'] ?? '', CLIENT_HEADER['@google/genai']!);
  });

  for (const sdk of GEMINI_SDKS) {
    it(`sdk: '${sdk}' drives that SDK`, async () => {
      await gemini({ sdk, baseURL: sim.geminiBaseUrl }).chat(adapterCall('gemini-2.0-flash', hello, fakeKey()));
      assert.match(sim.requests[0]!.headers['x-goog-api-client'] ?? '', CLIENT_HEADER[sdk]!);
      // The clients the adapter builds call v1beta, the documented default, whatever the SDK's own default.
      assert.match(sim.requests[0]!.path, /^\/v1beta\/models\/gemini-2\.0-flash:generateContent$/);
    });

    it(`a ${sdk} client is recognised by its shape; naming the other SDK beside it is a ConfigError`, async () => {
      const client = (await sdkClient(sdk, fakeKey())) as never;
      assert.doesNotThrow(() => gemini({ client, sdk }));
      const other = sdk === '@google/genai' ? '@google/generative-ai' : '@google/genai';
      assert.throws(() => gemini({ client, sdk: other }), (e: unknown) => ConfigError.isInstance(e) && e.field === 'gemini.sdk');
    });
  }

  it('where only the successor is installed (the runtime matrix), naming the seed SDK fails with SdkMissingError', { skip: !ONLY_CURRENT_SDKS }, async () => {
    assert.deepEqual(GEMINI_SDKS, ['@google/genai']);
    const adapter = gemini({ sdk: '@google/generative-ai', baseURL: sim.geminiBaseUrl });
    await assert.rejects(adapter.chat(adapterCall('gemini-2.0-flash', hello, fakeKey())), (e: unknown) => SdkMissingError.isInstance(e) && e.packageName === '@google/generative-ai');
    assert.equal(sim.requests.length, 0);
  });
});
