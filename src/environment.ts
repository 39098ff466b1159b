/**
 * Variables read, in order, when no environment is given as an option.
 *
 * @example
 * ```ts
 * for (const name of ENVIRONMENT_VARIABLES) console.log(name, process.env[name] ?? '(unset)');
 * // AIMETER_ENV, then APP_ENV, then NODE_ENV
 * ```
 */
export const ENVIRONMENT_VARIABLES = ['AIMETER_ENV', 'APP_ENV', 'NODE_ENV'] as const;

/**
 * The deployment environment a client runs in (`development`, `staging`, `production`, …): the option,
 * else `AIMETER_ENV`, `APP_ENV`, `NODE_ENV`, else `development`.
 *
 * @example
 * ```ts
 * resolveEnvironment(undefined, { APP_ENV: 'staging' }); // 'staging'
 * ```
 */
export function resolveEnvironment(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (option) return option;
  for (const name of ENVIRONMENT_VARIABLES) {
    const value = env[name];
    if (value) return value;
  }
  return 'development';
}
