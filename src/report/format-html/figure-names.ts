import type { ReportFigure } from '../report-row.js';

/**
 * The report's figures in words, for column headings (`inputTokens` → `input tokens`).
 *
 * @example
 * ```ts
 * const heading = FIGURE_NAMES.cachedInputTokens; // 'cached input tokens'
 * ```
 */
export const FIGURE_NAMES: Readonly<Record<ReportFigure, string>> = {
  inputTokens: 'input tokens',
  outputTokens: 'output tokens',
  cachedInputTokens: 'cached input tokens',
  reasoningTokens: 'reasoning tokens',
  toolUsePromptTokens: 'tool-use prompt tokens',
  characters: 'characters',
  credits: 'credits',
  audioSeconds: 'audio seconds',
  audioInputTokens: 'audio input tokens',
  cachedAudioInputTokens: 'cached audio input tokens',
  audioOutputTokens: 'audio output tokens',
  imageInputTokens: 'image input tokens',
  videoInputTokens: 'video input tokens',
};
