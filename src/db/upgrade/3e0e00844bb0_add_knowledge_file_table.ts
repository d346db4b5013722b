// Open WebUI 0.6.41: knowledge-base membership moves from `knowledge.data.file_ids` to
// `knowledge_file`; knowledge.data is dropped (81cc2ce44d79 re-adds it, empty).
import { randomUUID } from 'node:crypto';
import { createTable } from '../schema/build.ts';
import { knowledgeFileTable } from '../schema/tables-0.6.43.ts';
import { chunks, dropColumn, nowSeconds, parseLegacyJson } from './helpers.ts';
import type { UpgradeStep } from './step.ts';

function fileIdsOf(data: unknown): string[] {
  const parsed = parseLegacyJson(data);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return [];
  const ids = (parsed as { file_ids?: unknown }).file_ids;
  return Array.isArray(ids) ? [...new Set(ids.filter((id): id is string => typeof id === 'string'))] : [];
}

export const addKnowledgeFileTable: UpgradeStep = {
  revision: '3e0e00844bb0',
  parent: '90ef40d4714e',
  description: 'knowledge_file table filled from knowledge.data.file_ids; drop knowledge.data',
  async up({ db, dialect, log }) {
    await createTable(db.schema, dialect, knowledgeFileTable);

    const knowledgeBases = await db.selectFrom('knowledge').select(['id', 'user_id', 'data']).execute();
    const now = nowSeconds();
    for (const kb of knowledgeBases) {
      const wanted = fileIdsOf(kb.data);
      const existing = new Set<string>();
      for (const slice of chunks(wanted, 500)) {
        const found = await db.selectFrom('file').select('id').where('id', 'in', slice).execute();
        for (const f of found) existing.add(f.id);
      }
      // As upstream: files that no longer exist are skipped.
      if (existing.size < wanted.length) log(`knowledge ${kb.id}: skipping ${wanted.length - existing.size} missing file(s)`);
      const rows = wanted
        .filter((id) => existing.has(id))
        .map((file_id) => ({ id: randomUUID(), user_id: kb.user_id, knowledge_id: kb.id, file_id, created_at: now, updated_at: now }));
      for (const slice of chunks(rows)) await db.insertInto('knowledge_file').values(slice).execute();
    }

    await dropColumn(db, dialect, 'knowledge', 'data');
  },
};
