/** Builds `electron/relay/cli.ts` into `outfile` (one ES module; packages stay external). */
export function bundleRelay(outfile: string): Promise<void>;
