// Public API. Only what users import; internals stay behind their modules.
export { AIClient, ClientEvents, createAIClient, type AIResponse, type PreloadFailure, type ReadyReport } from './client/index.js';
export type { AIClientOptions } from './client-options.js';
export type { TelemetryOptions } from './telemetry/telemetry-options.js';
export type { SemconvVersion } from './telemetry/semconv.js';
export type { TokenCounting } from './token-counting.js';
export { AISession, type SessionEndOptions } from './client/session.js';
export type { SessionOptions } from './client/session-options.js';
export { sessionTally, type SessionTally, type SessionTotals, type SessionTurnTotals } from './report/session-totals.js';
export type { KeyOptions } from './keys/key-options.js';
export { compose, type Middleware, type Next, type Terminal } from './compose.js';
export { callInfo, type CallContext, type CallContextBase, type ResolvedKey } from './context.js';
export { isStreamResult } from './call-result.js';
export type { AnyCallResult, CallResult, StreamCallResult, StreamEnd, StreamOutcome } from './call-result.js';
export type {
  AdapterCall,
  AdapterFunction,
  AdapterOperations,
  AdapterResult,
  ProviderAdapter,
  ProviderAdapterV1,
} from './adapter.js';
export type {
  AIClientEventName,
  AIClientEventPayload,
  AIClientEvents,
  CallInfo,
  DegradedEvent,
  EmitFn,
  ErrorEvent,
  LimitedEvent,
  LimitStoreEvent,
  QuotaEvent,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
  SessionEndEvent,
  SinkErrorEvent,
  WarningEvent,
} from './events.js';
export type { DegradeDetails, DegradeTarget } from './degrade-details.js';
export { parseModelRef, type ModelRef, type ResolvedModel } from './model-ref.js';
export type { Tags } from './tags.js';
export { estimated, missing, reported, type ModalitySplit, type ModalityTokens, type Provenance, type Quantity, type TokenModality, type Usage } from './usage.js';
export type { UsageEvent, UsageStatus } from './usage-event.js';
export { ENVIRONMENT_VARIABLES, resolveEnvironment } from './environment.js';

export type { BaseRequest } from './operations/base-request.js';
export type {
  ChatDelta,
  ChatMessage,
  ChatOutput,
  ChatRequest,
  ContentPart,
  FinishReason,
  ToolCall,
  ToolCallDelta,
  ToolDefinition,
} from './operations/chat.js';
export type { EmbedOutput, EmbedRequest } from './operations/embed.js';
export type { SpeakRequest, SpeechOutput, SpeechStreamOutput } from './operations/speech.js';
export type { TranscribeRequest, TranscriptionOutput } from './operations/transcription.js';
export { OPERATIONS, isStreamOperation, type Operation, type OperationTypes, type StreamOperation } from './operations/operation.js';

export { AIStream, type AIStreamEnd } from './stream/ai-stream.js';
export { defineStream, type StreamSource } from './stream/define-stream.js';
export { mapChunks } from './stream/map-chunks.js';
export { tapStream } from './stream/tap-stream.js';

export {
  elevenlabs,
  type ElevenLabsAdapter,
  type ElevenLabsOptions,
  type ElevenLabsSdkName,
  type ElevenLabsSubscription,
  type ElevenLabsSubscriptionRequest,
} from './providers/elevenlabs/index.js';
export {
  gemini,
  type GeminiAdapter,
  type GeminiCountTokensRequest,
  type GeminiOptions,
  type GeminiSdkName,
  type GeminiTokenCount,
} from './providers/gemini/index.js';
export { openai, type OpenAIAdapter, type OpenAIOptions } from './providers/openai/index.js';

export { keys, type KeysMiddleware, type KeysOptions } from './middleware/keys.js';
export { logging, type Logger, type LoggingMiddleware, type LoggingOptions, type LogRecord } from './middleware/logging.js';
export { meter, type MeterOptions } from './middleware/meter.js';
export { keyFingerprint } from './keys/fingerprint.js';
export type { KeyInput, KeyRequest, TenantKeyResolver } from './keys/key-input.js';
export { createKeyChain, type ChainKey, type DotenvOptions, type KeyChain, type KeyChainOptions } from './keys/key-chain.js';
export type { DotenvWarning } from './keys/dotenv-files.js';
export { secretManager, type SecretManagerOptions, type SecretRequest, type SecretResolver } from './keys/secret-manager.js';
export { awsSecretsManager, type AwsSecretsManagerOptions, type SecretsManagerLike } from './keys/aws-secrets-manager.js';
export { KeyEnvironmentError } from './keys/key-environment-error.js';
export { KeyResolverError } from './keys/key-resolver-error.js';
export { REDACTED, Scrubber, type ScrubberOptions } from './redact/scrubber.js';
export { KEY_PATTERNS, type SecretPattern } from './redact/key-patterns.js';
export { encodedForms } from './redact/encoded-forms.js';
export { scrubbingLogger, type LevelLogger } from './redact/scrubbing-logger.js';

export type { Sink, SinkQueueOptions, SinkStats } from './sinks/sink.js';
export { memorySink, type MemorySink } from './sinks/memory-sink.js';
export { consoleSink, type ConsoleSinkOptions, type LineWriter } from './sinks/console-sink.js';
export { jsonlSink, type JsonlSinkOptions } from './ledger/jsonl-sink.js';
export { readJsonlLedger, type ReadJsonlLedgerOptions } from './ledger/read-jsonl-ledger.js';
export type { JsonlLedgerWarning } from './ledger/jsonl-ledger-warning.js';
export { listJsonlSegments } from './ledger/jsonl-segments.js';
export type { JsonlRotateOptions } from './ledger/jsonl-rotation.js';
export {
  REPORT_FIGURES,
  summarizeUsage,
  type ReportFigure,
  type ReportGroup,
  type ReportRow,
  type ReportTotal,
} from './report/summarize-usage.js';
export { formatReport, formatReportTable } from './report/format-report.js';
export { buildReport, type BuildReportOptions, type UsageReport } from './report/build-report.js';
export { formatReportJson, type ReportDocument } from './report/format-report-json.js';
export { formatReportCsv } from './report/format-report-csv.js';
export { formatReportHtml, type ReportHtmlOptions } from './report/format-report-html.js';
export { reportHtmlViews, type ReportHtmlData, type ReportHtmlViews } from './report/format-html/report-html-views.js';
export { reportFigures, type ReportFigures } from './report/report-figures.js';
export { costWithMarkup } from './report/report-row.js';
export { REPORT_GROUPS } from './report/report-group.js';
export { usageTally, type UsageTally } from './report/usage-tally.js';
export {
  elevenlabsCycleTally,
  type ElevenLabsCycleOptions,
  type ElevenLabsCycleTally,
  type ElevenLabsCycleUsage,
} from './report/elevenlabs-cycle.js';
export { formatUsageEvent } from './sinks/format-usage-event.js';
export { stripeMeterSink, type StripeMeterSinkOptions } from './sinks/billing/stripe-meter-sink.js';
export { openMeterSink, type OpenMeterSinkOptions } from './sinks/billing/openmeter-sink.js';
export { lagoSink, type LagoSinkOptions } from './sinks/billing/lago-sink.js';
export type { BillingSinkOptions, BillingSubject } from './sinks/billing/billing-sink-options.js';
export type { BillingQuantity } from './sinks/billing/billing-quantity.js';
export { readBillingDeadLetters, type BillingDeadLetter, type DeadLetterReason } from './sinks/billing/dead-letter-file.js';
export type { Ledger, LedgerQuery, OneOrMore } from './ledger/ledger.js';
export { sqliteLedger, type SqliteLedgerOptions } from './ledger/sqlite-ledger.js';
export { postgresLedger, type PostgresLedgerOptions } from './ledger/postgres-ledger.js';
export type { PostgresPool, PostgresPoolClient } from './ledger/postgres-pool.js';
export * from './pricing/index.js';

export { AIMeterError } from './errors/aimeter-error.js';
export { AbortedError } from './errors/aborted-error.js';
export { ConfigError } from './errors/config-error.js';
export { MiddlewareError } from './errors/middleware-error.js';
export { MissingKeyError } from './errors/missing-key-error.js';
export {
  ProviderError,
  type ProviderErrorDetails,
  type ProviderErrorKind,
  type QuotaScope,
} from './errors/provider-error.js';
export { ClientClosedError } from './errors/client-closed-error.js';
export { SessionEndedError } from './errors/session-ended-error.js';
export { LedgerClosedError } from './errors/ledger-closed-error.js';
export { BillingExportError, type BillingService } from './errors/billing-export-error.js';
export { LedgerVersionError } from './errors/ledger-version-error.js';
export { LedgerCorruptError } from './errors/ledger-corrupt-error.js';
export { LedgerUnreadableError } from './errors/ledger-unreadable-error.js';
export { ReportWriteError } from './errors/report-write-error.js';
export { PriceDataError } from './errors/price-data-error.js';
export { SdkMissingError } from './errors/sdk-missing-error.js';
export { SinkError, type SinkFailure } from './errors/sink-error.js';
export { StreamConsumedError } from './errors/stream-consumed-error.js';
export { UnsupportedOperationError } from './errors/unsupported-operation-error.js';

export { QuotaExhaustedError } from './errors/quota-exhausted-error.js';
export { RateLimitedError, type LimitTiming, type RateLimitedDetails } from './errors/rate-limited-error.js';
export { retry, type RetryOptions } from './middleware/retry.js';
export { rateLimit, type RateLimitOptions } from './middleware/rate-limit.js';
export { degrade, type DegradeOptions } from './middleware/degrade.js';
export {
  createLimiter,
  type AcquireOptions,
  type Affordability,
  type Headroom,
  type Limiter,
  type LimiterOptions,
  type LimitNotice,
  type Reservation,
} from './limits/limiter.js';
export type { LimitsOptions } from './limits/limits-options.js';
export { DEFAULT_RESERVE_FLOORS, type ReserveFloor, type ReserveFloors } from './limits/policy/reserve-floor.js';
export { OutputEstimate, type OutputEstimateOptions, type ReservationMode } from './limits/policy/output-estimate.js';
export type { LimitPolicy } from './limits/policy/limit-policy.js';
export type { DegradeRule } from './limits/policy/degrade-rule.js';
export type { LimitUnit, UnitAmounts } from './limits/policy/limit-unit.js';
export type { WindowSpec, WindowOptions, WindowUnit } from './limits/policy/limit-window.js';
export type { LimitScope, LimitSubject, ScopeDimension } from './limits/policy/limit-scope.js';
export type { LimitStore, CounterRequest, CounterSlot, CounterState, CounterReading, ReserveResult } from './limits/stores/limit-store.js';
export { memoryStore, type MemoryStoreOptions } from './limits/stores/memory-store.js';
export { redisStore, type RedisStoreOptions } from './limits/stores/redis/redis-store.js';
export type { RedisClient } from './limits/stores/redis/redis-connection.js';
export { fallbackStore, type FallbackStoreOptions, type FallbackLimitStore } from './limits/stores/fallback-store.js';
export { LimitStoreUnavailableError } from './errors/limit-store-unavailable-error.js';
export { createAdaptiveThrottle, type AdaptiveOptions, type AdaptiveThrottle, type AdmitDecision } from './limits/adaptive/adaptive-throttle.js';
export { goDurationMs, readConcurrencyHeaders, readRateLimitHeaders, type AnnouncedLimit, type AnnouncedLimits } from './limits/adaptive/rate-limit-headers.js';
export type { AnnouncedConcurrency, ConcurrencyGate, ReleaseSlot } from './limits/adaptive/concurrency-gate.js';
export { geminiFreeTier, GEMINI_FREE_TIER, type GeminiFreeTierOptions } from './limits/presets/gemini-free-tier.js';
export { elevenlabsPlan, ELEVENLABS_PLAN_LIMITS, type ElevenLabsPlanLimits, type ElevenLabsPlanOptions } from './limits/presets/elevenlabs-plan.js';
export { openaiTier, OPENAI_TIERS, type OpenAITierOptions } from './limits/presets/openai-tier.js';
export { systemClock, type Clock } from './time/clock.js';
