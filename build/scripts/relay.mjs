// `npm run relay -- [options]`: builds the sync relay's command line (dist/relay/relay.mjs) and
// runs it in this process, so Ctrl-C and SIGTERM reach its clean shutdown directly.
import { pathToFileURL } from 'node:url';
import { bundleRelay } from './relay-bundle.mjs';

const outfile = new URL('../../dist/relay/relay.mjs', import.meta.url).pathname;
await bundleRelay(outfile);
await import(pathToFileURL(outfile).href);
