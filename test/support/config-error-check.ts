import { ConfigError } from '../../src/errors/config-error.js';

/** Whether `fn` throws a ConfigError whose field is `field`. */
export function isConfigError(fn: () => unknown, field: string): boolean {
  try {
    fn();
  } catch (error) {
    if (ConfigError.isInstance(error) && error.field === field) return true;
    throw error;
  }
  return false;
}
