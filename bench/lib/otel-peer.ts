import { createRequire } from 'node:module';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OpenAIInstrumentation } from '@opentelemetry/instrumentation-openai';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import OpenAI from 'openai';

/** The histograms the instrumentation records per call (semantic conventions for generative AI). */
const TOKEN_USAGE = 'gen_ai.client.token.usage';
const DURATION = 'gen_ai.client.operation.duration';

/**
 * The OpenTelemetry way to meter the openai SDK: `@opentelemetry/instrumentation-openai` patching the SDK's
 * `chat.completions.create`, spans to a `BatchSpanProcessor` with an in-memory exporter, and the instrumentation's
 * token-usage and duration histograms to a `MeterProvider` whose reader exports (delta) on each flush.
 *
 * The instrumentation patches the SDK module it is given. It is given a CommonJS copy of `openai` (its own module
 * graph, its own classes), so the ESM build the raw and aimeter arms use stays unpatched; `checkUnpatched` proves it.
 */
export interface OtelPeer {
  /** The patched CommonJS `OpenAI` class: build the OTel arms' clients from it. */
  readonly OpenAI: typeof OpenAI;
  /** Exports the spans (tracer provider `forceFlush`) and collects and exports the metrics (meter provider `forceFlush`). */
  readonly flush: () => Promise<void>;
  /** Fails unless the last flushes exported exactly `calls` spans and the histograms hold `calls` calls; then forgets them. */
  readonly check: (calls: number) => void;
  /** Makes an `AsyncLocalStorageContextManager` the global context manager, until `contextOff`. */
  readonly contextOn: () => void;
  /** Removes the global context manager and disables its AsyncLocalStorage (on Node 20: promise hooks off again). */
  readonly contextOff: () => void;
  /** Exports pending spans (untimed), then fails if there are any: an arm that should not be instrumented was. */
  readonly checkNone: () => Promise<void>;
  readonly close: () => Promise<void>;
}

export function createOtelPeer(): OtelPeer {
  const cjs = createRequire(import.meta.url)('openai') as { OpenAI: typeof OpenAI };
  if ((cjs.OpenAI as unknown) === OpenAI) throw new Error('the CommonJS openai is the ESM one: the raw arms would be instrumented');
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(spans)] });
  const metrics = new InMemoryMetricExporter(AggregationTemporality.DELTA);
  // No periodic export during the run: the metrics are exported by the flush that ends each of the arm's blocks.
  const reader = new PeriodicExportingMetricReader({ exporter: metrics, exportIntervalMillis: 2 ** 31 - 1 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const instrumentation = new OpenAIInstrumentation({ enabled: false });
  instrumentation.setTracerProvider(tracerProvider);
  instrumentation.setMeterProvider(meterProvider);
  // Enabled once the CommonJS copy is loaded, so its require hook leaves that copy alone: the patch below is the only one.
  instrumentation.enable();
  const [definition] = instrumentation.getModuleDefinitions();
  if (!definition?.patch) throw new Error('instrumentation-openai has no module patch');
  definition.patch(cjs);
  checkPatched(cjs.OpenAI, true, 'the CommonJS openai');
  checkPatched(OpenAI, false, 'the ESM openai');
  const manager = new AsyncLocalStorageContextManager();
  return {
    OpenAI: cjs.OpenAI,
    flush: async () => {
      await tracerProvider.forceFlush();
      await meterProvider.forceFlush();
    },
    check: (calls) => {
      const exported = spans.getFinishedSpans().length;
      const counts = histogramCounts(metrics);
      spans.reset();
      metrics.reset();
      if (exported !== calls) throw new Error(`OTel: ${exported} spans exported for ${calls} calls`);
      if (counts.get(DURATION) !== calls) throw new Error(`OTel: ${counts.get(DURATION) ?? 0} durations recorded for ${calls} calls`);
      // One input and one output token record per call.
      if (counts.get(TOKEN_USAGE) !== 2 * calls) throw new Error(`OTel: ${counts.get(TOKEN_USAGE) ?? 0} token records for ${calls} calls`);
    },
    contextOn: () => {
      if (!context.setGlobalContextManager(manager)) throw new Error('another global context manager is registered');
    },
    contextOff: () => context.disable(),
    checkNone: async () => {
      await tracerProvider.forceFlush();
      const exported = spans.getFinishedSpans().length;
      if (exported !== 0) throw new Error(`${exported} spans from an arm that should not be instrumented`);
    },
    close: async () => {
      definition.unpatch?.(cjs);
      instrumentation.disable();
      await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
    },
  };
}

/** shimmer marks the functions it wraps with `__wrapped`. */
function checkPatched(Client: typeof OpenAI, patched: boolean, label: string): void {
  const wrapped = (Object.getOwnPropertyDescriptor(Client.Chat.Completions.prototype, 'create')?.value as { __wrapped?: boolean } | undefined)?.__wrapped === true;
  if (wrapped !== patched) throw new Error(`${label} is ${patched ? 'not ' : ''}instrumented`);
}

/** Data-point counts per histogram over every export since the last reset. */
function histogramCounts(exporter: InMemoryMetricExporter): Map<string, number> {
  const counts = new Map<string, number>();
  for (const resource of exporter.getMetrics()) {
    for (const scope of resource.scopeMetrics) {
      for (const metric of scope.metrics) {
        let count = counts.get(metric.descriptor.name) ?? 0;
        for (const point of metric.dataPoints) count += (point.value as { count?: number }).count ?? 0;
        counts.set(metric.descriptor.name, count);
      }
    }
  }
  return counts;
}
