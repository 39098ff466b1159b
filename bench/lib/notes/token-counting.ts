/** Token counting for cut streams (issue 17). */
export const TOKEN_COUNTING = `
## Token counting for cut streams (issue 17)

A stream cut before its usage arrived (a barge-in) is counted as \`createAIClient({ tokenCounting })\` says:
\`'exact'\` (the default) on the tokenizer thread, by message; \`'fast'\` by the word count, inline; \`'off'\` not at
all (\`missing\`). The caller's thread no longer waits for a count (it used \`Atomics.wait\`, up to 250 ms).
\`bench/tokenizers/tokenizers.ts\` compares the counters, each arm in a fresh process (one run, shared 2-core VM
at load average ~12, so absolute times are inflated; gpt-tokenizer 4.0.0 from a scratch install, js-tiktoken
1.0.21; a mixed prose, code, JSON, French and Japanese text; "both" rows count with the first encoding):

| counter | load ms | RSS +MB | heap +MB | µs / 1k tokens | one 128k-char text, ms | tokens (vs js-tiktoken) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
| js-tiktoken o200k_base | 2252 | 131.7 | 65.4 | 3848 | 147.4 | 25711 (0.0 %) |
| js-tiktoken cl100k_base | 874 | 84.7 | 32.8 | 3883 | 154.6 | 27489 (0.0 %) |
| js-tiktoken o200k_base+cl100k_base | 3672 | 164.5 | 97.8 | — | — | — |
| gpt-tokenizer o200k_base | 1187 | 67.1 | 14.9 | 1823 | 47.8 | 25711 (0.0 %) |
| gpt-tokenizer cl100k_base | 599 | 46.7 | 8.0 | 629 | 10.1 | 27489 (0.0 %) |
| gpt-tokenizer o200k_base+cl100k_base | 898 | 90.2 | 19.9 | — | — | — |
| word-count estimate (\`'fast'\`) | — | 8.1 | 0.6 | 441 | 12.4 | 26728 (+4.0 %) |

gpt-tokenizer counts exactly what js-tiktoken counts, in about half the memory and half to a sixth of the time;
neither BPE table fits in 32 MB. \`bench/tokenizers/streaming-rss.ts\`: RSS growth of a process that streams
OpenAI and Gemini models, after 30 cut streams over \`o200k_base\`, \`cl100k_base\` and Gemini (after a warm-up of
complete streams, forced GCs; the simulator in another process):

| tokenCounting | growth, MB |
| --- | ---: |
| \`'off'\` | 5.6 |
| \`'fast'\` | 1.5 |
| \`'exact'\` (js-tiktoken on its thread, two tables) | 226.8 |

So the 32 MB target is met by \`'fast'\` and \`'off'\` only; \`'exact'\` stays the default because cut-stream figures
within 3 % of the model's tokenizer need the BPE tables (the word count is 4–20 % off). Barge-ins
(\`test/integration/metering/barge-in-no-stall.test.ts\`, 50 cuts over \`gpt-4o-mini\`, \`gpt-4\` and
\`gemini-2.5-flash\`, 5 of them with 128k-character prompts, against the same run with counting off, same machine
load; four runs): time on the caller's thread in a cut, median 0.9–1.0 ms (off: 0.9–1.6), longest 14–87 ms (off:
22–77, the machine's scheduling); loop delay p99 16.5–38 ms (off: 24–84). On a quieter moment (load ~8): cut
median 0.99 ms, longest 2.4 ms; loop delay p99 7.2 ms, max 20.6 ms (off: 1.03, 2.5, 7.3, 21.0). A 60 ms busy wait put in the count, as a
blocking count would, gives a 71 ms median cut. Since issue 21 the stall is a bench figure, not a test's bound:
the \`barge-in stall\` suite (Method), exact against off in the same run.
`;
