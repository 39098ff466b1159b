/** The method, the profile and the standing of the call-path targets, printed at the top of BENCHMARKS.md, one section per file. */
import { METHOD } from './method.js';
import { HOT_PATH } from './hot-path.js';
import { MISSED_TARGETS } from './missed-targets.js';
import { CODE_NOTES } from './code-notes.js';
import { REDESIGN_STEP } from './redesign-step.js';
import { TOKEN_COUNTING } from './token-counting.js';

export const NOTES = [METHOD, HOT_PATH, MISSED_TARGETS, CODE_NOTES, REDESIGN_STEP, TOKEN_COUNTING].map((section) => section.trim()).join('\n\n');
