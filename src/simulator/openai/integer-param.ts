/** What the API answers a request it refuses: the 400 message, the parameter it names and its code. */
export interface ParamProblem {
  readonly message: string;
  readonly param: string;
  readonly code?: string;
}

/**
 * The API's 400 for an integer parameter that must be at least 1 (`max_tokens`, `max_completion_tokens`,
 * `dimensions`); absent or null passes. Another type or a fraction is `invalid_type`, below 1
 * `integer_below_min_value`, worded as the API words them.
 */
export function positiveIntegerProblem(value: unknown, param: string): ParamProblem | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return { message: `Invalid type for '${param}': expected an integer, but got ${jsonTypeName(value)} instead.`, param, code: 'invalid_type' };
  }
  if (value < 1) {
    return { message: `Invalid '${param}': integer below minimum value. Expected a value >= 1, but got ${value} instead.`, param, code: 'integer_below_min_value' };
  }
  return undefined;
}

function jsonTypeName(value: unknown): string {
  if (typeof value === 'number') return 'a decimal number';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
