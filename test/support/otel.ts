// The real OpenTelemetry SDK with in-memory exporters, for the telemetry tests: spans as they end, metrics on demand.
import type { Attributes } from '@opentelemetry/api';
import { AggregationTemporality, MeterProvider, MetricReader, type DataPoint, type Histogram, type MetricData } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** A metric reader collected on demand (cumulative). */
class TestReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** A tracer and a meter of their own (not the global providers), and what they recorded. */
export interface OtelHarness {
  readonly tracer: ReturnType<BasicTracerProvider['getTracer']>;
  readonly meter: ReturnType<MeterProvider['getMeter']>;
  readonly exporter: InMemorySpanExporter;
  /** The spans ended so far. */
  spans(): ReadableSpan[];
  /** Every metric collected now, by name. */
  metrics(): Promise<Map<string, MetricData>>;
  shutdown(): Promise<void>;
}

/** Builds an {@link OtelHarness}. */
export function otelHarness(): OtelHarness {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new TestReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    tracer: tracerProvider.getTracer('aimeter-test'),
    meter: meterProvider.getMeter('aimeter-test'),
    exporter,
    spans: () => exporter.getFinishedSpans(),
    metrics: async () => {
      const { resourceMetrics } = await reader.collect();
      return new Map(resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics).map((metric) => [metric.descriptor.name, metric]));
    },
    shutdown: async () => {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

/** The data points of a histogram metric whose attributes include `match`. */
export function histogramPoints(metric: MetricData | undefined, match: Attributes = {}): DataPoint<Histogram>[] {
  if (!metric) return [];
  return (metric.dataPoints as DataPoint<Histogram>[]).filter((point) => Object.entries(match).every(([name, value]) => point.attributes[name] === value));
}

/** The sum of a counter's data points whose attributes include `match`. */
export function counterSum(metric: MetricData | undefined, match: Attributes = {}): number {
  if (!metric) return 0;
  return (metric.dataPoints as DataPoint<number>[]).filter((point) => Object.entries(match).every(([name, value]) => point.attributes[name] === value)).reduce((sum, point) => sum + point.value, 0);
}
