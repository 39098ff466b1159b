import { CliArgumentError } from '../errors/cli-argument-error.js';

// Date.parse alone reads "Nov 1", "1/11/2026" and local times differently per machine; only ISO 8601 is taken.
const ISO = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/i;

/**
 * Reads an ISO 8601 month (`2026-11`), date (`2026-11-01`) or date-time (`2026-11-01T09:30`, with seconds,
 * fraction and `Z` or an offset as you like). Without a zone it is UTC, as ledger times and the day and month
 * groups are. Anything else, or a date that does not exist (`2026-02-30`), is a {@link CliArgumentError}.
 *
 * @param option - the option name, for the message, e.g. `--since`
 * @param value - the text given
 * @returns the instant
 *
 * @example
 * ```ts
 * parseIsoInstant('--since', '2026-11-01'); // 2026-11-01T00:00:00.000Z
 * parseIsoInstant('--until', '2026-11-01T12:00+01:00'); // 2026-11-01T11:00:00.000Z
 * ```
 */
export function parseIsoInstant(option: string, value: string): Date {
  const bad = (): CliArgumentError =>
    new CliArgumentError(option, `expected an ISO 8601 date such as 2026-11-01 or date-time such as 2026-11-01T09:30:00Z, got ${JSON.stringify(value)}`);
  const m = ISO.exec(value.trim());
  if (!m) throw bad();
  const [, year, month, day = '01', hour = '00', minute = '00', second = '00', fraction = '0', zone = 'Z'] = m;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  const local = Date.UTC(y, mo - 1, d, h, mi, s, Number(fraction.padEnd(3, '0')));
  const check = new Date(local);
  // Date.UTC rolls 2026-02-30 over to March; a date that rolled over does not exist.
  const offset = offsetMs(zone);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59 || y < 1 || Number.isNaN(offset)) throw bad();
  return new Date(local - offset);
}

function offsetMs(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const [hours, minutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
  if (hours > 23 || minutes > 59) return Number.NaN;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}
