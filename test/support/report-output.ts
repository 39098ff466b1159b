// Parsers for what `aimeter report` prints, written independently of src/report.

/** RFC 4180: records end in CRLF; a quoted field may hold commas, CRLF and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else if (c === '\n' || c === '\r') throw new Error(`bare line break at offset ${i}`);
    else field += c;
    i += 1;
  }
  if (field !== '' || record.length > 0) throw new Error('last record does not end in CRLF');
  return records;
}

/** A CSV as objects keyed by its header row. */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error('no header row');
  for (const row of rows) if (row.length !== header.length) throw new Error(`row of ${row.length} fields under a header of ${header.length}`);
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]!])));
}

/**
 * An aligned text table: header, a rule of dashes, rows, and optionally a second rule and a total row. The
 * rule gives the columns' extents, so blank cells and values with spaces are read right.
 */
export function parseTable(text: string): { header: string[]; rows: Record<string, string>[]; total?: Record<string, string>; after: string[] } {
  const lines = text.replace(/\n$/, '').split('\n');
  const rule = lines[1] ?? '';
  const spans = [...rule.matchAll(/-+/g)].map((m) => [m.index, m.index + m[0].length] as const);
  const cells = (line: string): string[] => spans.map(([from, to]) => line.slice(from, to).trim());
  const header = cells(lines[0]!);
  const asObject = (line: string): Record<string, string> => Object.fromEntries(cells(line).map((c, i) => [header[i]!, c]));
  const end = lines.indexOf(rule, 2);
  const body = lines.slice(2, end === -1 ? undefined : end);
  const rest = end === -1 ? [] : lines.slice(end + 1);
  return {
    header,
    rows: body.map(asObject),
    ...(rest[0] ? { total: asObject(rest[0]) } : {}),
    after: rest.slice(1),
  };
}
