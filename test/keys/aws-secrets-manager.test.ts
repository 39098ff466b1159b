import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { inspect } from 'node:util';
import { awsSecretsManager } from '../../src/keys/aws-secrets-manager.js';
import { KeyResolverError } from '../../src/keys/key-resolver-error.js';
import type { SecretRequest } from '../../src/keys/secret-manager.js';
import { elevenlabsKey, openaiKey } from '../support/secrets-keys.js';

/** A loopback endpoint speaking the Secrets Manager JSON protocol (awsJson1_1): POST / with X-Amz-Target. */
function secretsEndpoint(secrets: Map<string, string>) {
  const seen: { target: string | undefined; contentType: string | undefined; authorization: string | undefined; secretId: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: IncomingHttpHeaders = req.headers;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { SecretId?: string };
      seen.push({ target: headers['x-amz-target'] as string | undefined, contentType: headers['content-type'], authorization: headers.authorization, secretId: body.SecretId ?? '' });
      const reply = (status: number, json: unknown, extra: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomBytes(8).toString('hex'), ...extra });
        res.end(JSON.stringify(json));
      };
      if (req.method !== 'POST' || req.url !== '/' || headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') return reply(400, { __type: 'UnknownOperationException' });
      const value = secrets.get(body.SecretId ?? '');
      if (value === undefined) {
        return reply(400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." }, { 'x-amzn-errortype': 'ResourceNotFoundException' });
      }
      reply(200, { ARN: `arn:aws:secretsmanager:us-east-1:000000000000:secret:${body.SecretId}`, Name: body.SecretId, SecretString: value, VersionId: randomBytes(8).toString('hex'), VersionStages: ['AWSCURRENT'], CreatedDate: Date.now() / 1000 });
    });
  });
  return { server, seen };
}

describe('awsSecretsManager (real @aws-sdk/client-secrets-manager against a loopback endpoint)', () => {
  const secrets = new Map<string, string>();
  const { server, seen } = secretsEndpoint(secrets);
  let endpoint = '';
  const credentials = { accessKeyId: `TEST${randomBytes(8).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(20).toString('base64') };
  const req: SecretRequest = { provider: 'openai', environment: 'production', variables: ['OPENAI_API_KEY'] };
  const resolvers: { close?(): Promise<void> }[] = [];
  const make = (options: Partial<Parameters<typeof awsSecretsManager>[0]> = {}) => {
    const resolver = awsSecretsManager({ secretId: 'aimeter/production/openai', region: 'us-east-1', endpoint, credentials, maxAttempts: 1, ...options });
    resolvers.push(resolver);
    return resolver;
  };

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await Promise.all(resolvers.map((r) => r.close?.() ?? Promise.resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reads a plain-string secret with a signed GetSecretValue request', async () => {
    const key = openaiKey();
    secrets.set('aimeter/production/openai', key);
    assert.deepEqual(await make().resolve(req), { value: key, environment: 'production' });
    const last = seen.at(-1)!;
    assert.equal(last.target, 'secretsmanager.GetSecretValue');
    assert.equal(last.contentType, 'application/x-amz-json-1.1');
    assert.match(last.authorization ?? '', /^AWS4-HMAC-SHA256 Credential=TEST/);
    assert.equal(last.secretId, 'aimeter/production/openai');
  });

  it('picks the key out of a JSON secret by variable name, provider name or the given field', async () => {
    const [a, b, c] = [openaiKey(), elevenlabsKey(), openaiKey()];
    secrets.set('aimeter/json', JSON.stringify({ OPENAI_API_KEY: a, elevenlabs: b, custom: c }));
    const resolver = make({ secretId: 'aimeter/json' });
    assert.equal(((await resolver.resolve(req)) as { value: string }).value, a);
    assert.equal(((await resolver.resolve({ provider: 'elevenlabs', environment: 'production', variables: ['ELEVENLABS_API_KEY'] })) as { value: string }).value, b);
    const byField = make({ secretId: 'aimeter/json', field: 'custom' });
    assert.equal(((await byField.resolve(req)) as { value: string }).value, c);
  });

  it('names the secret per provider and environment', async () => {
    const key = openaiKey();
    secrets.set('aimeter/staging/openai', key);
    const resolver = make({ secretId: ({ provider, environment }) => `aimeter/${environment}/${provider}` });
    assert.equal(((await resolver.resolve({ ...req, environment: 'staging' })) as { value: string }).value, key);
  });

  it('picks up a rotated secret on the first read after the TTL, without a restart', async () => {
    let now = 0;
    const first = openaiKey();
    secrets.set('aimeter/rotating', first);
    const resolver = make({ secretId: 'aimeter/rotating', ttlMs: 60_000, refreshAheadMs: 0, now: () => now });
    assert.equal(((await resolver.resolve(req)) as { value: string }).value, first);
    const rotated = openaiKey();
    secrets.set('aimeter/rotating', rotated);
    now = 59_999;
    assert.equal(((await resolver.resolve(req)) as { value: string }).value, first);
    now = 60_000;
    assert.equal(((await resolver.resolve(req)) as { value: string }).value, rotated);
  });

  it('turns an AWS error into KeyResolverError with the SDK error as cause', async () => {
    const error = await make({ secretId: 'aimeter/missing' }).resolve(req).catch((e: unknown) => e);
    assert.ok(KeyResolverError.isInstance(error));
    assert.equal(error.resolver, 'aws-secrets-manager');
    assert.equal((error.cause as { name?: string }).name, 'ResourceNotFoundException');
    assert.equal(inspect(error, { depth: 6 }).includes(credentials.secretAccessKey), false);
  });
});
