import { simulatedTokenCount } from '../tokens.js';
import type { ModalityCounts, WireModality } from './usage-metadata.js';

/** A `Part` of the v1beta wire format, as far as the simulator reads it. */
export interface WirePart {
  readonly text?: string;
  readonly inlineData?: { readonly mimeType?: string; readonly data?: string };
  readonly functionCall?: { readonly name?: string; readonly args?: unknown };
  readonly functionResponse?: { readonly name?: string; readonly response?: unknown };
}

/** A `Content`: a role and its parts. */
export interface WireContent {
  readonly role?: string;
  readonly parts?: readonly WirePart[];
}

/** A function the request declares. */
export interface WireFunctionDeclaration {
  readonly name: string;
  readonly parameters?: { readonly properties?: Readonly<Record<string, { readonly type?: string }>> };
}

/** A `Tool`: functions the caller runs, or one of the API's own tools. */
export interface WireTool {
  readonly functionDeclarations?: readonly WireFunctionDeclaration[];
  readonly googleSearch?: object;
  readonly urlContext?: object;
}

/** The fields of a `GenerateContentRequest` the simulator uses. */
export interface GenerateRequest {
  readonly contents: readonly WireContent[];
  readonly systemInstruction?: WireContent;
  readonly tools?: readonly WireTool[];
  readonly toolConfig?: { readonly functionCallingConfig?: { readonly mode?: string; readonly allowedFunctionNames?: readonly string[] } };
  readonly generationConfig?: {
    readonly maxOutputTokens?: number;
    readonly thinkingConfig?: { readonly thinkingBudget?: number };
  };
}

// What Gemini bills for one small image; the simulator charges every inline image the same.
const IMAGE_TOKENS = 258;

/** A generate request with its `contents` checked, or the INVALID_ARGUMENT message the API would send. */
export function parseGenerateRequest(json: unknown, field = 'GenerateContentRequest'): GenerateRequest | string {
  if (typeof json !== 'object' || json === null) return 'Invalid JSON payload received.';
  const contents = (json as { contents?: unknown }).contents;
  if (!Array.isArray(contents) || contents.length === 0) return `* ${field}.contents: contents is not specified\n`;
  return outputCapProblem((json as GenerateRequest).generationConfig?.maxOutputTokens) ?? (json as GenerateRequest);
}

/**
 * The INVALID_ARGUMENT message for a `maxOutputTokens` the API refuses: a value that does not parse as an
 * int32 gets the JSON parser's message; a negative one the API's generic one (its exact wording for this
 * case is UNCONFIRMED). Numeric strings, which proto3 JSON would accept, are refused too.
 */
function outputCapProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) return `Invalid value at 'generation_config.max_output_tokens' (TYPE_INT32), ${JSON.stringify(value)}`;
  return value < 0 ? 'Request contains an invalid argument.' : undefined;
}

/**
 * The simulated prompt tokens of one part: {@link simulatedTokenCount} of its text; for a function call or
 * response, of its name and JSON arguments/response; 258 per inline image.
 */
export function partTokens(part: WirePart): number {
  if (part.text !== undefined) return simulatedTokenCount(part.text);
  if (part.functionCall) return simulatedTokenCount(`${part.functionCall.name ?? ''} ${JSON.stringify(part.functionCall.args ?? {})}`);
  if (part.functionResponse) {
    return simulatedTokenCount(`${part.functionResponse.name ?? ''} ${JSON.stringify(part.functionResponse.response ?? {})}`);
  }
  return part.inlineData ? IMAGE_TOKENS : 0;
}

/** The modality of an inline part's media type: images, audio, video, and anything else as a document. */
export function mediaModality(mimeType: string | undefined): WireModality {
  const type = mimeType?.split('/')[0];
  if (type === 'image') return 'IMAGE';
  if (type === 'audio') return 'AUDIO';
  return type === 'video' ? 'VIDEO' : 'DOCUMENT';
}

/** {@link contentTokens} split by modality: inline media by its type, everything else text. */
export function contentModalities(contents: readonly WireContent[]): ModalityCounts {
  const counts: ModalityCounts = {};
  for (const content of contents) {
    for (const part of content.parts ?? []) {
      const modality = part.text === undefined && part.inlineData ? mediaModality(part.inlineData.mimeType) : 'TEXT';
      counts[modality] = (counts[modality] ?? 0) + partTokens(part);
    }
  }
  return counts;
}

/** Tokens the API's own tools feed the model per tool: Google Search results, fetched URL content. */
export const TOOL_USE_PROMPT_TOKENS = 64;

/** Tool-use prompt tokens of a request: {@link TOOL_USE_PROMPT_TOKENS} per Google Search or URL context tool. */
export function toolUsePromptTokens(request: GenerateRequest): number {
  return (request.tools ?? []).filter((tool) => tool.googleSearch !== undefined || tool.urlContext !== undefined).length * TOOL_USE_PROMPT_TOKENS;
}

/** Prompt tokens of a content list (tool declarations are not counted). */
export function contentTokens(contents: readonly WireContent[]): number {
  let total = 0;
  for (const content of contents) for (const part of content.parts ?? []) total += partTokens(part);
  return total;
}

/** The prompt as the model reads it: the system instruction, then the contents. */
export function promptContents(request: GenerateRequest): WireContent[] {
  return request.systemInstruction ? [request.systemInstruction, ...request.contents] : [...request.contents];
}

/** All text of the prompt, which seeds the deterministic reply. */
export function promptText(request: GenerateRequest): string {
  return promptContents(request)
    .flatMap((c) => (c.parts ?? []).map((p) => p.text ?? JSON.stringify(p)))
    .join('\n');
}
