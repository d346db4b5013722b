// Whether a user may read (query) or write (add to, delete from) a collection by its name — checked for
// every name a client sends, in the query and process routes and in chat completions. Open WebUI
// checked none (CVE-2026-45402 class: anyone could read any knowledge base or file by its id).
// Names that belong to something are guarded by it: `file-{id}` by the file, a knowledge id by the
// knowledge base, `user-memory-{id}` by its user. Other names are content-addressed (web pages, web
// searches, texts: a hash of what they hold) and open to every verified user.
import { parseAccessControl, type AccessType } from '../auth/access-control.ts';
import { mayAccessFile } from '../routers/files/access.ts';
import type { Services } from '../services.ts';
import type { FilesStore } from '../stores/files.ts';
import { KnowledgeStore } from '../stores/knowledge.ts';
import type { UserModel } from '../stores/users.ts';

export async function mayUseCollection(services: Services, files: FilesStore, user: UserModel, name: string, type: AccessType): Promise<boolean> {
  if (user.role === 'admin') return true;
  if (name.startsWith('user-memory-')) return name === `user-memory-${user.id}`;
  if (name.startsWith('file-')) {
    const file = await files.get(name.slice('file-'.length));
    return file !== null && (await mayAccessFile(services, user, file, type));
  }
  const kb = await new KnowledgeStore(services.database).get(name);
  if (kb) return services.access.can(user, type, { user_id: kb.user_id, access_control: parseAccessControl(kb.access_control) });
  // A file's own id is the legacy name of its collection.
  const file = await files.get(name);
  if (file) return mayAccessFile(services, user, file, type);
  return true;
}
