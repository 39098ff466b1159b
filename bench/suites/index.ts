import type { Suite } from '../lib/suite.js';
import { chainProfileSuite } from './chain-profile.js';
import { coldImportSuite } from './cold-import.js';
import { fetchFreeSuite } from './fetch-free.js';
import { firstCallSuite } from './first-call.js';
import { limiterSuite } from './limiter.js';
import { memorySuite } from './memory.js';
import { sdkChainSuite } from './sdk-chain.js';
import { sinksSuite } from './sinks.js';
import { streamingSuite } from './streaming.js';

/** Every suite, in run order. */
export const SUITES: readonly Suite[] = [sdkChainSuite, fetchFreeSuite, chainProfileSuite, streamingSuite, sinksSuite, limiterSuite, memorySuite, coldImportSuite, firstCallSuite];
