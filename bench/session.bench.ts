// Cost of authentication: `GET /api/v1/auths/` (JWT verify, revocation check, user and permission
// lookups) and `GET /api/config` against a bare Fastify JSON route measured in the same run.
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { startServer, signup } from '../test/helpers/server.ts';

const DURATION = Number(process.env['BENCH_SECONDS'] ?? 5);

async function measure(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: 20, duration: DURATION, headers });
  return { rps: Math.round(result.requests.average), p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const bare = Fastify();
bare.get('/bare', async () => ({ status: true }));
const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

const server = await startServer();
const admin = await signup(server, 'Bench Admin', 'bench@example.com');

const baseline = await measure(`${bareUrl}/bare`);
const session = await measure(`${server.url}/api/v1/auths/`, { Authorization: `Bearer ${admin.token}` });
const config = await measure(`${server.url}/api/config`, { Cookie: `token=${admin.token}` });

const row = (name: string, r: { rps: number; p99: number; errors: number }) =>
  console.log(`${name.padEnd(28)} ${String(r.rps).padStart(7)} req/s  p99 ${String(r.p99).padStart(3)} ms  ${(r.rps / baseline.rps).toFixed(2)}× baseline${r.errors ? `  errors ${r.errors}` : ''}`);
console.log(`database: ${server.services.database.dialect}, ${DURATION}s per route, 20 connections`);
row('bare Fastify JSON (baseline)', baseline);
row('GET /api/v1/auths/', session);
row('GET /api/config (signed in)', config);

await server.close();
await bare.close();
