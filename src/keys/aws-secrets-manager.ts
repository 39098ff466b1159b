import { ConfigError } from '../errors/config-error.js';
import { lazySdk } from '../lazy-sdk.js';
import type { KeyInput } from './key-input.js';
import { secretManager, type SecretRequest, type SecretResolver } from './secret-manager.js';

const loadAws = lazySdk('@aws-sdk/client-secrets-manager', () => import('@aws-sdk/client-secrets-manager'));

/**
 * The part of a `SecretsManagerClient` the resolver uses, so a client you configured yourself can be passed.
 *
 * @example
 * ```ts
 * import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
 * const client: SecretsManagerLike = new SecretsManagerClient({ region: 'eu-west-1' });
 * ```
 */
export interface SecretsManagerLike {
  /** Sends a command (here always `GetSecretValueCommand`). */
  send(command: never): Promise<unknown>;
  /** Closes the client's connections. */
  destroy?(): void;
}

/**
 * Options of {@link awsSecretsManager}.
 *
 * @example
 * ```ts
 * const options: AwsSecretsManagerOptions = { secretId: ({ environment }) => `aimeter/${environment}`, region: 'eu-west-1' };
 * ```
 */
export interface AwsSecretsManagerOptions {
  /** The secret's name or ARN, or a function of the provider and environment. */
  readonly secretId: string | ((request: SecretRequest) => string);
  /**
   * For a JSON secret, the field holding the key. @default the first of the adapter's variable names
   * (`OPENAI_API_KEY`), the provider name (`openai`), `apiKey`, `key` present in the JSON; a non-JSON secret is
   * the key itself
   */
  readonly field?: string | ((request: SecretRequest) => string);
  /** The environment keys from this secret are declared for. @default the environment they were read for */
  readonly environment?: string;
  /** AWS region. @default the SDK's (`AWS_REGION`, shared config) */
  readonly region?: string;
  /** Endpoint URL, e.g. a VPC endpoint or a local emulator. @default the SDK's */
  readonly endpoint?: string;
  /** Static credentials. @default the SDK's default provider chain */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  /** Attempts per read, including the first (the SDK's retry). @default 2 */
  readonly maxAttempts?: number;
  /** A client you built; then region, endpoint, credentials and maxAttempts are ignored. @default one built on first use */
  readonly client?: SecretsManagerLike;
  /** How long a read value is used. @default 300000 */
  readonly ttlMs?: number;
  /** Re-read in the background this long before expiry. @default ttlMs / 10 */
  readonly refreshAheadMs?: number;
  /** Clock, in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
}

/**
 * A {@link SecretResolver} reading keys from AWS Secrets Manager (`GetSecretValue`), cached with a TTL and
 * refreshed ahead of expiry like {@link secretManager}. `@aws-sdk/client-secrets-manager` is an optional peer
 * dependency, loaded on the first read. The client's `close()` destroys the SDK client it built.
 *
 * @example
 * ```ts
 * const ai = createAIClient({
 *   providers: { openai: openai(), elevenlabs: elevenlabs() },
 *   keys: { secrets: [awsSecretsManager({ secretId: ({ environment }) => `aimeter/${environment}`, ttlMs: 10 * 60_000 })] },
 * });
 * ```
 */
export function awsSecretsManager(options: AwsSecretsManagerOptions): SecretResolver {
  if (typeof options.secretId !== 'string' && typeof options.secretId !== 'function') {
    throw new ConfigError('secretId', 'expected a secret name or ARN, or a function (request) => string');
  }
  if (options.secretId === '') throw new ConfigError('secretId', 'expected a non-empty secret name or ARN');
  let client: Promise<SecretsManagerLike> | undefined;
  const getClient = (): Promise<SecretsManagerLike> => {
    client ??= options.client
      ? Promise.resolve(options.client)
      : loadAws().then(
          ({ SecretsManagerClient }) =>
            new SecretsManagerClient({
              ...(options.region ? { region: options.region } : {}),
              ...(options.endpoint ? { endpoint: options.endpoint } : {}),
              ...(options.credentials ? { credentials: options.credentials } : {}),
              maxAttempts: options.maxAttempts ?? 2,
            }) as unknown as SecretsManagerLike,
        );
    return client;
  };
  const fetch = async (request: SecretRequest): Promise<KeyInput | undefined> => {
    const [{ GetSecretValueCommand }, sm] = await Promise.all([loadAws(), getClient()]);
    const secretId = typeof options.secretId === 'function' ? options.secretId(request) : options.secretId;
    const reply = (await sm.send(new GetSecretValueCommand({ SecretId: secretId }) as never)) as { SecretString?: string; SecretBinary?: Uint8Array };
    const text = reply.SecretString ?? (reply.SecretBinary ? Buffer.from(reply.SecretBinary).toString('utf8') : undefined);
    const value = text === undefined ? undefined : pickField(text, request, options.field);
    return value ? { value, environment: options.environment ?? request.environment } : undefined;
  };
  return secretManager({
    name: 'aws-secrets-manager',
    fetch,
    ...(options.ttlMs === undefined ? {} : { ttlMs: options.ttlMs }),
    ...(options.refreshAheadMs === undefined ? {} : { refreshAheadMs: options.refreshAheadMs }),
    ...(options.now ? { now: options.now } : {}),
    close: async () => {
      // Only a client built here is ours to destroy.
      if (client && !options.client) (await client).destroy?.();
    },
  });
}

function pickField(text: string, request: SecretRequest, field: AwsSecretsManagerOptions['field']): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return field === undefined ? text.trim() : undefined;
  }
  if (typeof json !== 'object' || json === null) return field === undefined ? text.trim() : undefined;
  const record = json as Record<string, unknown>;
  const names = field === undefined ? [...request.variables, request.provider, 'apiKey', 'key'] : [typeof field === 'function' ? field(request) : field];
  for (const name of names) {
    const value = record[name];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}
