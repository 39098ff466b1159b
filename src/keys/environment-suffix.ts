/**
 * An environment name as it appears at the end of a variable name: upper case, non-alphanumerics as `_`
 * (`eu-west.prod` → `EU_WEST_PROD`, so `OPENAI_API_KEY_EU_WEST_PROD`).
 *
 * @example
 * ```ts
 * `OPENAI_API_KEY_${environmentSuffix('production')}`; // 'OPENAI_API_KEY_PRODUCTION'
 * ```
 */
export function environmentSuffix(environment: string): string {
  return environment.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}
