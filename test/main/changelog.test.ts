// The CHANGELOG.md parser behind /api/changelog: versions, sections, items and their HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChangelog } from '../../src/static-assets/changelog.ts';

const SAMPLE = `# Changelog

Intro text that is not a version.

## [1.2.0] - 2026-02-01

### Added

- **Bold title**: content with \`code\` and a [link](https://example.com/a?b=1&c=2).
- Plain item
  continued on the next line.

### Fixed

- <script>alert(1)</script> is shown as text, [bad](javascript:void) is no link.

## [1.1.0] - 2026-01-01

### Changed

- One change.

## [1.0.2] - 2025-12-03
## [1.0.1] - 2025-12-02
## [1.0.0] - 2025-12-01
`;

test('versions, dates and lower-cased sections in file order', () => {
  const log = parseChangelog(SAMPLE);
  assert.deepEqual(Object.keys(log), ['1.2.0', '1.1.0', '1.0.2', '1.0.1', '1.0.0']);
  assert.deepEqual(Object.keys(log['1.2.0'] ?? {}), ['date', 'added', 'fixed']);
  assert.equal(log['1.2.0']?.date, '2026-02-01');
  assert.deepEqual(log['1.0.0'], { date: '2025-12-01' });
});

test('items: title before ": ", plain content, and the <li> HTML the client renders', () => {
  const added = parseChangelog(SAMPLE)['1.2.0']?.['added'];
  assert.deepEqual(added, [
    {
      title: 'Bold title',
      content: 'content with code and a link.',
      raw: '<li><strong>Bold title</strong>: content with <code>code</code> and a <a href="https://example.com/a?b=1&amp;c=2">link</a>.</li>',
    },
    { title: '', content: 'Plain item continued on the next line.', raw: '<li>Plain item continued on the next line.</li>' },
  ]);
});

test('HTML in the text is escaped and only web links become anchors', () => {
  const [fixed] = (parseChangelog(SAMPLE)['1.2.0']?.['fixed'] ?? []) as { raw: string }[];
  assert.equal(fixed?.raw, '<li>&lt;script&gt;alert(1)&lt;/script&gt; is shown as text, bad is no link.</li>');
});
