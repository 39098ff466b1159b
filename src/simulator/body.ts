import type { IncomingMessage } from 'node:http';

/** A request body, parsed as far as its content type allows. */
export interface ParsedBody {
  /** Parsed JSON, or undefined if absent or not JSON. */
  readonly json: unknown;
  /** Multipart form fields and files. */
  readonly form: FormData | undefined;
  /** True if the body claimed to be JSON but did not parse. */
  readonly invalidJson: boolean;
  /** What the request log shows: JSON as parsed, multipart and binary bodies as a summary. */
  readonly summary: unknown;
}

/** Reads the whole body and parses JSON or multipart/form-data (with undici's own parser, as `fetch` does). */
export async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { json: undefined, form: undefined, invalidJson: false, summary: undefined };
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    return { json: undefined, form, invalidJson: false, summary: summarizeForm(form) };
  }
  if (type.includes('json') || type === '') {
    try {
      const json: unknown = JSON.parse(raw.toString('utf8'));
      return { json, form: undefined, invalidJson: false, summary: json };
    } catch {
      return { json: undefined, form: undefined, invalidJson: true, summary: { contentType: type, bytes: raw.length } };
    }
  }
  return { json: undefined, form: undefined, invalidJson: false, summary: { contentType: type, bytes: raw.length } };
}

function summarizeForm(form: FormData): unknown {
  const fields: Record<string, string> = {};
  const files: { field: string; name: string; type: string; bytes: number }[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') fields[field] = value;
    else files.push({ field, name: value.name, type: value.type, bytes: value.size });
  }
  return { fields, files };
}
