import assert from 'node:assert/strict';
import { appendFile, readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { DeadLetterFile, readBillingDeadLetters } from '../../../src/sinks/billing/dead-letter-file.js';
import { deadLetterPath } from '../../support/billing/billing-fixtures.js';
import { usageEvent } from '../../support/make-usage-event.js';

describe('the billing dead-letter file', () => {
  it('appends one versioned line per event, creating its folder, and reads them back past a torn last line', async () => {
    const path = deadLetterPath('file');
    const file = new DeadLetterFile(path, 'lago', () => Date.UTC(2026, 11, 5));
    const [a, b] = [usageEvent(), usageEvent()];
    await file.append([{ reason: 'refused', status: 422, detail: 'x'.repeat(600), event: a }]);
    await file.append([{ reason: 'no_customer', detail: 'no subscription', event: b }]);
    await appendFile(path, '{"v":1,"service":"la');
    const letters = await readBillingDeadLetters(path);
    assert.deepEqual(letters.map((l) => [l.v, l.service, l.reason, l.status, l.at, l.event]), [
      [1, 'lago', 'refused', 422, '2026-12-05T00:00:00.000Z', a],
      [1, 'lago', 'no_customer', undefined, '2026-12-05T00:00:00.000Z', b],
    ]);
    assert.equal(letters[0]!.detail.length, 500, 'a long detail is cut');
    assert.equal((await readFile(path, 'utf8')).split('\n').length, 3);
  });

  it('reads a missing file as no letters', async () => {
    assert.deepEqual(await readBillingDeadLetters(deadLetterPath('none')), []);
  });
});
