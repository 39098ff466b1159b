// The package as users run it: the built dist/, not src/ through tsx. tsx's transform wraps every closure in a
// `__name` call, which roughly doubles the chain's measured CPU per call. run.ts builds dist/ first when it is
// missing or older than src/ (see ensure-dist.ts).
export { createAIClient, elevenlabs, gemini, jsonlSink, memorySink, openai, postgresLedger, reported, sqliteLedger } from '../../dist/index.js';
export type { AIClient, AIClientOptions, MemorySink, ProviderAdapter, Sink, SinkErrorEvent, UsageEvent } from '../../dist/index.js';
export { SinkHub } from '../../dist/sinks/sink-hub.js';
export { uuidV7 } from '../../dist/ids/uuid-v7.js';
