#!/usr/bin/env node
import { CliArgumentError } from '../errors/cli-argument-error.js';

const USAGE = `usage: aimeter <command> [options]

commands:
  demo      [--ledger PATH]                    one voice-agent turn against the offline simulator; writes a
                                               JSONL usage ledger and prints a report
  simulate  [--port N]                         run the offline OpenAI / Gemini / ElevenLabs simulator
  report    [--ledger PATH|URL] [--by a,b]      totals from a ledger (.jsonl file, SQLite file or postgres://
            [--since D] [--until D] [filters]  URL) by provider, model, customer, project, session, day, month,
            [--format table|json|csv|html]     tag:<name>…; filters --provider --model --customer --status …;
            [--elevenlabs-plan P]              ElevenLabs credits used of the plan's quota this billing cycle.
                                               aimeter report --help for every option
  keys      [--env a,b] [--dir D] [--json]      per provider and environment: which source resolves the key,
                                               its fingerprint, and warnings. Never prints a key
  audit     [dir] [--json]                     secrets in the tree (secretlint + provider key rules), .gitignore
                                               coverage of .env*, tracked .env files; exit 1 on findings
  prices    update [--file PATH] [--url URL]   download genai-prices' newest price data into a local file
                                               (default .aimeter/genai-prices.json) for pricing.dataFile
  prices    check --ledger PATH|URL            the models in a ledger that get no price; exit 1 if any
            [--table T] [--schema S]
            [--data-file PATH] [--json]
`;

// Loaded on demand: `aimeter report` need not load the simulator, the providers or their SDKs.
const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  demo: async (args) => (await import('./demo-command.js')).runDemo(args),
  simulate: async (args) => (await import('./simulate-command.js')).runSimulate(args),
  report: async (args) => (await import('./report-command.js')).runReport(args),
  keys: async (args) => (await import('./keys-command.js')).runKeys(args),
  audit: async (args) => (await import('./audit-command.js')).runAudit(args),
  prices: async (args) => (await import('./prices-command.js')).runPrices(args),
};

const [command, ...rest] = process.argv.slice(2);
const run = command === undefined ? undefined : COMMANDS[command];
if (!run) {
  console.error(USAGE);
  process.exitCode = command === undefined || command === '--help' || command === 'help' ? 0 : 2;
} else {
  run(rest).catch((error: unknown) => {
    console.error(`aimeter ${command}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = CliArgumentError.isInstance(error) ? 2 : 1;
  });
}

