#!/usr/bin/env node
import { runAudit } from './audit-command.js';
import { runDemo } from './demo-command.js';
import { runKeys } from './keys-command.js';
import { runReport } from './report-command.js';
import { runSimulate } from './simulate-command.js';

const USAGE = `usage: aimeter <command> [options]

commands:
  demo      [--ledger PATH]                    one voice-agent turn against the offline simulator; writes a
                                               JSONL usage ledger and prints a report
  simulate  [--port N]                         run the offline OpenAI / Gemini / ElevenLabs simulator
  report    [--ledger PATH|URL] [--by a,b]      totals from a ledger (.jsonl file, SQLite file or postgres://
            [--since D] [--until D]            URL), grouped by provider, model, operation, environment, day,
                                               month or tag:<name>
  keys      [--env a,b] [--dir D] [--json]      per provider and environment: which source resolves the key,
                                               its fingerprint, and warnings. Never prints a key
  audit     [dir] [--json]                     secrets in the tree (secretlint + provider key rules), .gitignore
                                               coverage of .env*, tracked .env files; exit 1 on findings
`;

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  demo: runDemo,
  simulate: runSimulate,
  report: runReport,
  keys: runKeys,
  audit: runAudit,
};

const [command, ...rest] = process.argv.slice(2);
const run = command === undefined ? undefined : COMMANDS[command];
if (!run) {
  console.error(USAGE);
  process.exitCode = command === undefined || command === '--help' || command === 'help' ? 0 : 2;
} else {
  run(rest).catch((error: unknown) => {
    console.error(`aimeter ${command}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}

