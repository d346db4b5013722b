import { readFileSync } from 'node:fs';

/** Our package version, which is the Open WebUI version we are compatible with. */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
