// Runs one README snippet (argv[2], already rewritten to import test/support/children/readme-aimeter.ts) against
// the simulator that module starts; exits 0 once the snippet's top level completed, 1 with its error otherwise.
// The exit is forced: a snippet may leave a client, a ledger or a Redis connection open, as a short script does.
import { pathToFileURL } from 'node:url';
import './readme-aimeter.js';

try {
  await import(pathToFileURL(process.argv[2]!).href);
  process.stdout.write('snippet done\n');
  process.exit(0);
} catch (error) {
  console.error(error);
  process.exit(1);
}
