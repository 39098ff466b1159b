/**
 * `aimeter report --help`.
 *
 * @example
 * ```ts
 * process.stdout.write(REPORT_HELP);
 * ```
 */
export const REPORT_HELP = `usage: aimeter report [options]

Totals of a usage ledger, by group, in one streaming pass (any size of ledger).

source
  --ledger PATH|URL         a .jsonl file, a SQLite ledger file or a postgres:// URL [aimeter-usage.jsonl]
  --table NAME, --schema S  PostgreSQL ledger table and schema [aimeter_usage_events, search_path]

grouping and window
  --by LIST                 comma list, outermost first: provider, model, operation, environment, customer,
                            project, user, session, day, month (UTC), serviceTier or tag:<name> [provider,model]
  --since D, --until D      ISO date or date-time (2026-11-01, 2026-11-01T09:30Z; UTC unless an offset is
                            given); --since is inclusive, --until exclusive

filters (repeat them or give comma lists, \\, for a comma in a value; any of the values matches)
  --provider, --model, --operation, --status (ok, error, aborted), --environment,
  --customer, --project, --user, --session

output
  --format table|json|csv|html
                            table: aligned, numbers grouped, ~ estimated, ? missing figures [table]
                            json: { version, since, until, by, filters, groups[], totals, elevenlabs }
                            csv: RFC 4180, a header row, a "row" column (group or total)
                            html: one self-contained page (no script, nothing fetched): cost over time
                            by provider, top customers, usage by model, the ElevenLabs gauge, the table
  --out PATH, -o PATH       write the report to PATH (whole, or not at all) instead of stdout
  --progress, --no-progress events read (and % of a .jsonl file) on stderr [only when stderr is a terminal]

ElevenLabs quota (the billing cycle containing the report's end: just before --until, else now)
  --elevenlabs-plan NAME    free, starter, creator, pro, scale or business: its monthly credits are the quota
  --elevenlabs-quota N      credits per cycle (instead of, or overriding, the plan's)
  --anchor-day D            day of the month the subscription renews, UTC [1]

exit status: 0 done, 1 the ledger cannot be read or the --out file written, 2 a bad argument
`;
