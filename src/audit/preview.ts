const PREFIXES = /^(?:sk-proj-|sk-svcacct-|sk-admin-|sk-ant-|sk-|sk_|AIza|ghp_|gho_|github_pat_|xox[abpr]-|AKIA|ASIA|SG\.|npm_)/;

/**
 * A finding's preview: the secret's well-known prefix (if any), an ellipsis and its last 4 characters. Never more.
 *
 * @example
 * ```ts
 * previewSecret('sk_0123…abcd'); // 'sk_…abcd'
 * ```
 */
export function previewSecret(secret: string): string {
  const prefix = PREFIXES.exec(secret)?.[0] ?? '';
  return secret.length <= prefix.length + 8 ? `${prefix}…` : `${prefix}…${secret.slice(-4)}`;
}
