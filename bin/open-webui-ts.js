#!/usr/bin/env node
// Runs the compiled server (npm run build makes dist/). Commands: serve (default), migrate.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/main.js', import.meta.url));
if (!existsSync(entry)) {
  console.error('open-webui-ts is not built yet: run `npm run build` (or `npm start`) first');
  process.exit(1);
}
await import(entry);
