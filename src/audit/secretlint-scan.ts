import { lazySdk } from '../lazy-sdk.js';

const loadCore = lazySdk('@secretlint/core', () => import('@secretlint/core'));
const loadPreset = lazySdk('@secretlint/secretlint-rule-preset-recommend', () => import('@secretlint/secretlint-rule-preset-recommend'));

/**
 * One secretlint message, reduced to what the audit needs: where the secret is, and which rule found it.
 *
 * @example
 * ```ts
 * const hits: SecretlintHit[] = await secretlintScan('config.json', text);
 * ```
 */
export interface SecretlintHit {
  readonly ruleId: string;
  readonly messageId: string;
  /** Start and end offsets of the secret in the text. */
  readonly range: readonly [number, number];
}

/**
 * Lints one file's text with `@secretlint/core` and the recommended preset (both optional peer dependencies,
 * loaded on first use; a missing one throws `SdkMissingError` naming it).
 *
 * @example
 * ```ts
 * for (const hit of await secretlintScan('.env', content)) console.log(hit.ruleId, hit.range);
 * ```
 */
export async function secretlintScan(filePath: string, content: string): Promise<SecretlintHit[]> {
  const [{ lintSource }, preset] = await Promise.all([loadCore(), loadPreset()]);
  const result = await lintSource({
    source: { filePath, content, contentType: 'text' },
    options: { maskSecrets: true, config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset.creator }] } },
  });
  return result.messages.map((m) => ({ ruleId: m.ruleId, messageId: m.messageId, range: [m.range[0], m.range[1]] as const }));
}
