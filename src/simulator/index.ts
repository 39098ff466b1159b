// The offline provider simulator, a separate entry point (`aimeter/simulator`) so the client never loads it.
export { startSimulator } from './start-simulator.js';
export { keyFingerprint as simulatorKeyFingerprint } from './keys.js';
export { simulatedTokenCount } from './tokens.js';
export type {
  AppliedFault,
  ElevenLabsQuotas,
  ErrorReply,
  FaultAction,
  FaultMatch,
  FaultRule,
  GeminiModelQuota,
  GeminiQuotas,
  OpenAIQuotas,
  RecordedReply,
  ReplayRule,
  SimulatedOperation,
  SimulatedProvider,
  SimulatedRequest,
  Simulator,
  SimulatorKeys,
  SimulatorOptions,
  SimulatorQuotas,
} from './types.js';
