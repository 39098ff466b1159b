/**
 * Schema version of the lines {@link jsonlSink} writes, carried by each line as `"v"`. Lines without it were
 * written before versioning and read as version 1; a reader refuses a version newer than it knows.
 */
export const JSONL_SCHEMA_VERSION = 1;

/** The text before an event's own fields on each line: the line's schema version. */
const PREFIX = `{"v":${JSONL_SCHEMA_VERSION},`;

/**
 * One event as a JSON Lines record: its JSON with the schema version as the first field, and the newline. An
 * event is always an object with fields, so its JSON opens with `{"`.
 */
export function jsonlLine(event: object): string {
  const json = JSON.stringify(event);
  return json.length > 2 ? `${PREFIX}${json.slice(1)}\n` : `{"v":${JSONL_SCHEMA_VERSION}}\n`;
}
