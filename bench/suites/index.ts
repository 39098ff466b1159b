import type { Suite } from '../lib/suite.js';
import { bargeInSuite } from './barge-in.js';
import { chainProfileSuite } from './chain-profile.js';
import { coldImportSuite } from './cold-import.js';
import { firstCallSuite } from './first-call.js';
import { limiterSuite } from './limiter.js';
import { memorySuite } from './memory.js';
import { peersSuite } from './peers.js';
import { sdkChainSuite } from './sdk-chain.js';
import { sinksSuite } from './sinks.js';
import { streamingSuite } from './streaming.js';

/** Every suite, in run order. */
export const SUITES: readonly Suite[] = [sdkChainSuite, peersSuite, chainProfileSuite, streamingSuite, bargeInSuite, sinksSuite, limiterSuite, memorySuite, coldImportSuite, firstCallSuite];
