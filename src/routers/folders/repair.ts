// Which folders the listing moves back to the root: those whose parent no longer exists (as Open
// WebUI repairs them), and one folder of each parent cycle (older databases may hold cycles, since
// upstream never refused them; a cycle would hide its folders from the sidebar for good).

export interface ParentLink {
  id: string;
  parent_id: string | null;
}

export function foldersToRehome(folders: readonly ParentLink[]): string[] {
  const parentOf = new Map(folders.map((f) => [f.id, f.parent_id]));
  const settled = new Set<string>();
  const rehome: string[] = [];
  for (const start of parentOf.keys()) {
    const path = new Set<string>();
    for (let node: string | undefined = start; node !== undefined && !settled.has(node); ) {
      path.add(node);
      const parent: string | null = parentOf.get(node) ?? null;
      if (parent === null) break;
      if (!parentOf.has(parent) || path.has(parent)) {
        rehome.push(node);
        break;
      }
      node = parent;
    }
    for (const id of path) settled.add(id);
  }
  return rehome;
}
