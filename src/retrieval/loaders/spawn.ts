// Starts an extraction worker from source (tsx: tests, `npm run dev`) or from the build (dist/).
import { Worker, type ResourceLimits } from 'node:worker_threads';

const fromSource = import.meta.url.endsWith('.ts');
const entry = new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url);

export function startWorker(resourceLimits: ResourceLimits): Worker {
  if (!fromSource) return new Worker(entry, { resourceLimits });
  // Node 20 does not apply the parent's `--import tsx` hooks to a worker's modules, so the worker
  // registers tsx itself before it loads the TypeScript entry.
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}
