import type { Attributes } from '@opentelemetry/api';
import type { ModalityTokens, Quantity, Usage } from '../usage.js';
import type { UsageEvent } from '../usage-event.js';
import { GEN_AI, type SemconvVersion } from './semconv.js';

/** The figures of {@link Usage}, their `aimeter.usage.*` name, and their name in each version of the conventions. */
const FIGURES: readonly { readonly field: keyof Usage; readonly name: string; readonly v136?: string; readonly latest?: string }[] = [
  { field: 'inputTokens', name: 'input_tokens', v136: GEN_AI.inputTokens, latest: GEN_AI.inputTokens },
  { field: 'outputTokens', name: 'output_tokens', v136: GEN_AI.outputTokens, latest: GEN_AI.outputTokens },
  { field: 'cachedInputTokens', name: 'cached_input_tokens', latest: GEN_AI.cacheReadTokens },
  { field: 'cacheWriteInputTokens', name: 'cache_write_input_tokens', latest: GEN_AI.cacheCreationTokens },
  { field: 'reasoningTokens', name: 'reasoning_tokens', latest: GEN_AI.reasoningTokens },
  { field: 'toolUsePromptTokens', name: 'tool_use_prompt_tokens' },
  { field: 'characters', name: 'characters' },
  { field: 'credits', name: 'credits' },
  { field: 'audioSeconds', name: 'audio_seconds' },
];

/**
 * The attributes of one provider request's usage event: each figure under its conventions' name where the chosen
 * version has one, else as `aimeter.usage.<figure>`; the figures aimeter estimated or could not know, by name
 * (`aimeter.usage.estimated`, `aimeter.usage.missing`: a missing figure is absent, never 0); tokens by modality;
 * the cost, markup and price snapshot; the status and HTTP status.
 *
 * @example
 * ```ts
 * span.setAttributes(usageAttributes(event, 'latest'));
 * ```
 */
export function usageAttributes(event: UsageEvent, version: SemconvVersion): Attributes {
  const attributes: Attributes = { 'aimeter.status': event.status };
  const estimated: string[] = [];
  const missing: string[] = [];
  for (const figure of FIGURES) {
    const quantity = event.usage[figure.field] as Quantity | undefined;
    if (quantity === undefined) continue;
    if (quantity.value === null) {
      missing.push(figure.name);
      continue;
    }
    if (quantity.provenance === 'estimated') estimated.push(figure.name);
    attributes[(version === 'latest' ? figure.latest : figure.v136) ?? `aimeter.usage.${figure.name}`] = quantity.value;
  }
  if (estimated.length > 0) attributes['aimeter.usage.estimated'] = estimated;
  if (missing.length > 0) attributes['aimeter.usage.missing'] = missing;
  const modalities = event.usage.modalities;
  if (modalities) {
    addModalities(attributes, 'input_tokens', modalities.input);
    addModalities(attributes, 'cached_input_tokens', modalities.cachedInput);
    addModalities(attributes, 'output_tokens', modalities.output);
  }
  if (event.usage.trafficType !== undefined) attributes['aimeter.usage.traffic_type'] = event.usage.trafficType;
  if (event.httpStatus !== undefined) attributes[GEN_AI.httpStatus] = event.httpStatus;
  if (event.requestId !== undefined) attributes['aimeter.provider.request_id'] = event.requestId;
  if (event.timeToFirstChunkMs !== undefined) {
    attributes[version === 'latest' ? GEN_AI.timeToFirstChunk : 'aimeter.response.time_to_first_chunk'] = event.timeToFirstChunkMs / 1000;
  }
  Object.assign(attributes, costAttributes(event));
  return attributes;
}

/**
 * The cost attributes of a usage event: `aimeter.cost.usd` (absent, never 0, when unknown, with
 * `aimeter.cost.unpriced` saying why), `aimeter.cost.markup_usd`, and the price snapshot's source and version.
 *
 * @example
 * ```ts
 * span.setAttributes(costAttributes(event));
 * ```
 */
export function costAttributes(event: UsageEvent): Attributes {
  const cost = event.cost;
  if (!cost) return {};
  const attributes: Attributes = { 'aimeter.price.source': cost.snapshot.source, 'aimeter.price.version': cost.snapshot.version };
  if (cost.usd !== undefined) attributes['aimeter.cost.usd'] = cost.usd;
  if (cost.markupUsd !== undefined) attributes['aimeter.cost.markup_usd'] = cost.markupUsd;
  if (cost.unpriced !== undefined) attributes['aimeter.cost.unpriced'] = cost.unpriced;
  return attributes;
}

function addModalities(attributes: Attributes, total: string, tokens: ModalityTokens | undefined): void {
  if (!tokens) return;
  for (const [modality, value] of Object.entries(tokens)) {
    if (typeof value === 'number') attributes[`aimeter.usage.${total}.${modality}`] = value;
  }
}
