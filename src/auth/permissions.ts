// Effective permissions (Open WebUI's get_permissions / has_permission): the configured defaults,
// OR-ed leaf by leaf with the permissions of every group the user is in (groups only grant),
// then any key missing from both filled from the built-in defaults.
import type { GroupsStore } from '../stores/groups.ts';
import { BUILTIN_PERMISSIONS } from './permission-defaults.ts';

type Tree = Record<string, unknown>;

const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

function orMerge(target: Tree, source: Tree): void {
  for (const [key, value] of Object.entries(source)) {
    if (isTree(value)) {
      const child = isTree(target[key]) ? (target[key] as Tree) : {};
      target[key] = child;
      orMerge(child, value);
    } else if (value === true) {
      target[key] = true;
    } else if (!(key in target)) {
      target[key] = value;
    }
  }
}

function fillMissing(target: Tree, defaults: Tree): void {
  for (const [key, value] of Object.entries(defaults)) {
    if (isTree(value)) {
      if (!isTree(target[key])) target[key] = {};
      fillMissing(target[key] as Tree, value);
    } else if (!(key in target)) {
      target[key] = value;
    }
  }
}

function at(tree: Tree, path: string): unknown {
  let node: unknown = tree;
  for (const part of path.split('.')) {
    if (!isTree(node)) return undefined;
    node = node[part];
  }
  return node;
}

/** The configured default tree with missing keys filled in (what clients are shown). */
export function completeDefaults(defaults: Tree): Tree {
  const tree = structuredClone(defaults);
  fillMissing(tree, BUILTIN_PERMISSIONS);
  return tree;
}

export class Permissions {
  constructor(
    private readonly groups: GroupsStore,
    private readonly defaults: () => Tree,
  ) {}

  async of(userId: string): Promise<Tree> {
    const tree = structuredClone(this.defaults());
    for (const groupTree of await this.groups.permissionsOfMember(userId)) orMerge(tree, groupTree);
    fillMissing(tree, BUILTIN_PERMISSIONS);
    return tree;
  }

  /** True if a group grants the dotted path, else the (filled) default; unknown paths are false. */
  async has(userId: string, path: string): Promise<boolean> {
    for (const groupTree of await this.groups.permissionsOfMember(userId)) if (at(groupTree, path) === true) return true;
    return at(completeDefaults(this.defaults()), path) === true;
  }
}
