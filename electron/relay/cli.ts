import { runRelayCommand } from './command';

// `npm run relay -- [options]` (bundled by build/scripts/relay.mjs): see command.ts.
const code = await runRelayCommand(
  process.argv.slice(2),
  (line) => process.stdout.write(`${line}\n`),
  (line) => process.stderr.write(`${line}\n`),
);
if (code !== 'serving') process.exit(code);
