// Open WebUI's access_control semantics (data-and-auth.md §4.4) as pure functions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasAccess, parseAccessControl } from '../../src/auth/access-control.ts';

const none = new Set<string>();

test('null (SQL NULL or the text null) is public: read for everyone, write only non-strict', () => {
  for (const stored of [null, undefined, 'null']) {
    const ac = parseAccessControl(stored);
    assert.equal(ac, null);
    assert.equal(hasAccess('u', none, 'read', ac), true);
    assert.equal(hasAccess('u', none, 'write', ac), false);
    assert.equal(hasAccess('u', none, 'write', ac, false), true);
  }
});

test('{} is private: nobody but owners and admins (who are checked by callers)', () => {
  const ac = parseAccessControl('{}');
  assert.deepEqual(ac, {});
  assert.equal(hasAccess('u', new Set(['g']), 'read', ac), false);
  assert.equal(hasAccess('u', new Set(['g']), 'write', ac), false);
});

test('grants by user id or group id, per type; write does not imply read', () => {
  const ac = parseAccessControl(JSON.stringify({ read: { group_ids: ['g1'], user_ids: ['alice'] }, write: { user_ids: ['bob'] } }));
  assert.equal(hasAccess('alice', none, 'read', ac), true);
  assert.equal(hasAccess('carol', new Set(['g1']), 'read', ac), true);
  assert.equal(hasAccess('carol', new Set(['g2']), 'read', ac), false);
  assert.equal(hasAccess('bob', none, 'write', ac), true);
  assert.equal(hasAccess('bob', none, 'read', ac), false);
  assert.equal(hasAccess('alice', none, 'write', ac), false);
});

test('missing lists count as empty; junk entries are ignored', () => {
  const ac = parseAccessControl({ read: { group_ids: ['g', 7, null] }, write: 'nonsense' });
  assert.deepEqual(ac, { read: { group_ids: ['g'], user_ids: [] } });
  assert.equal(hasAccess('u', new Set(['g']), 'read', ac), true);
  assert.equal(hasAccess('u', new Set(['g']), 'write', ac), false);
});
