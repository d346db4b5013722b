// /api/changelog data: this project's CHANGELOG.md (Keep a Changelog layout) turned into Open WebUI's
// shape, { "<version>": { date, <section>: [{ title, content, raw }] } }. The web client renders
// `raw`, an <li> of HTML, after sanitising it; title/content are the plain text split at ": ".
import { readFile } from 'node:fs/promises';

export interface ChangelogItem {
  title: string;
  content: string;
  raw: string;
}
export type ChangelogVersion = { date: string } & Record<string, ChangelogItem[] | string>;
export type Changelog = Record<string, ChangelogVersion>;

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// `code`, **strong** and [text](url): the inline markdown our changelog uses.
const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

function inline(text: string, html: boolean): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const before = text.slice(last, m.index);
    out += html ? escapeHtml(before) : before;
    last = m.index + m[0].length;
    const [, code, strong, label, url] = m;
    if (code !== undefined) out += html ? `<code>${escapeHtml(code)}</code>` : code;
    else if (strong !== undefined) out += html ? `<strong>${inline(strong, true)}</strong>` : inline(strong, false);
    else if (label !== undefined && url !== undefined) {
      const safe = /^(https?:\/\/|\/|#)/i.test(url);
      out += html && safe ? `<a href="${escapeHtml(url)}">${inline(label, true)}</a>` : inline(label, html);
    }
  }
  const rest = text.slice(last);
  return out + (html ? escapeHtml(rest) : rest);
}

function item(markdown: string): ChangelogItem {
  const text = inline(markdown, false).replace(/\s+/g, ' ').trim();
  const cut = text.indexOf(': ');
  return {
    title: cut >= 0 ? text.slice(0, cut).trim() : '',
    content: cut >= 0 ? text.slice(cut + 2).trim() : text,
    raw: `<li>${inline(markdown, true)}</li>`,
  };
}

/** Parses `## [x.y.z] - date`, `### Section` and `- item` lines (continuations indented). */
export function parseChangelog(markdown: string): Changelog {
  const result: Changelog = {};
  let version: ChangelogVersion | undefined;
  let section: ChangelogItem[] | undefined;
  let pending: string | undefined;
  const flush = () => {
    if (pending !== undefined && section) section.push(item(pending));
    pending = undefined;
  };
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^##\s+\[?([^\]\s]+)\]?\s+-\s+(.+?)\s*$/.exec(line);
    const sectionHeading = /^###\s+(.+?)\s*$/.exec(line);
    const bullet = /^[-*]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      version = { date: heading[2] as string };
      result[heading[1] as string] = version;
      section = undefined;
    } else if (sectionHeading && version) {
      flush();
      section = [];
      version[(sectionHeading[1] as string).toLowerCase()] = section;
    } else if (bullet && section) {
      flush();
      pending = bullet[1] as string;
    } else if (pending !== undefined && /^\s+\S/.test(line)) {
      pending += ` ${line.trim()}`;
    } else if (line.trim() === '' || /^#/.test(line)) {
      flush();
    }
  }
  flush();
  return result;
}

let cached: Promise<Changelog> | undefined;

/** The first `count` versions of the CHANGELOG.md shipped with the package (read once). */
export async function recentChanges(count = 5): Promise<Changelog> {
  cached ??= readFile(new URL('../../CHANGELOG.md', import.meta.url), 'utf8').then(parseChangelog, () => ({}));
  return Object.fromEntries(Object.entries(await cached).slice(0, count));
}
