import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalUsersFileError, loadLocalPeople, parseLocalUsers } from '../../../shared/identity/localUsers';
import { hashPassword, verifyPassword } from '../../../shared/identity/passwords';

const usersFile = (content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'palaute-users-')), 'users.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('passwords', () => {
  it('hashes with a random salt and verifies only the right password', async () => {
    const first = hashPassword('correct horse');
    const second = hashPassword('correct horse');
    expect(first).not.toBe(second);
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('correct horse', first)).toBe(true);
    expect(await verifyPassword('correct horsE', first)).toBe(false);
    expect(await verifyPassword('correct horse', 'not-a-hash')).toBe(false);
  });
});

describe('local users', () => {
  it('without a file: admin / local-admin as platform admin', async () => {
    const people = loadLocalPeople();
    expect(await people.authenticate('admin', 'local-admin')).toEqual({
      username: 'admin',
      roles: [{ role: 'platform-admin' }],
    });
    expect(await people.authenticate('admin', 'wrong')).toBeUndefined();
  });

  it('hashes plain passwords on load and keeps no plain text', async () => {
    const stored = parseLocalUsers(
      'users.json',
      JSON.stringify([
        {
          username: 'maija',
          password: 'maijan-salasana',
          roles: [{ role: 'org-admin', organizationId: 'org-a' }],
        },
      ]),
    );
    expect(JSON.stringify(stored)).not.toContain('maijan-salasana');
    expect(stored[0]).not.toHaveProperty('password');
    expect(stored[0]?.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('maijan-salasana', stored[0]?.passwordHash ?? '')).toBe(true);
  });

  it('signs in users of the file, with a plain password or a ready hash', async () => {
    const path = usersFile([
      {
        username: 'maija',
        password: 'maijan-salasana',
        roles: [{ role: 'org-admin', organizationId: 'org-a' }],
      },
      {
        username: 'pekka',
        passwordHash: hashPassword('pekan-salasana'),
        roles: [{ role: 'unit-manager', organizationId: 'org-a', unitIds: ['u1'] }],
      },
    ]);
    const people = loadLocalPeople(path);
    expect((await people.authenticate('maija', 'maijan-salasana'))?.roles).toEqual([
      { role: 'org-admin', organizationId: 'org-a' },
    ]);
    expect((await people.authenticate('pekka', 'pekan-salasana'))?.username).toBe('pekka');
    expect(await people.authenticate('pekka', 'maijan-salasana')).toBeUndefined();
    expect(await people.authenticate('admin', 'local-admin')).toBeUndefined();
    expect(people.find('MAIJA')?.username).toBe('maija');
  });

  it.each([
    ['not JSON', '[{', /users\.json is not valid:\n {2}not JSON/],
    [
      'both password kinds',
      [{ username: 'a', password: 'long enough', passwordHash: 'x', roles: [{ role: 'platform-admin' }] }],
      /\[0\]/,
    ],
    [
      'a bad grant',
      [
        { username: 'a', password: 'long enough', roles: [{ role: 'platform-admin' }] },
        { username: 'b', password: 'long enough', roles: [{ role: 'area-manager', organizationId: 'o' }] },
      ],
      /\[1\]\.roles\[0\]\.areaIds/,
    ],
    [
      'a duplicate username',
      [
        { username: 'a', password: 'long enough', roles: [{ role: 'platform-admin' }] },
        { username: 'A', password: 'long enough', roles: [{ role: 'platform-admin' }] },
      ],
      /\[1\]\.username: this username is already listed/,
    ],
    [
      'a short password',
      [{ username: 'a', password: 'short', roles: [{ role: 'platform-admin' }] }],
      /\[0\]\.password: use at least 8/,
    ],
    [
      'no roles',
      [{ username: 'a', password: 'long enough', roles: [] }],
      /\[0\]\.roles: grant at least one role/,
    ],
  ])('fails loudly on %s, naming the entry', (_, content, message) => {
    const path = usersFile(content);
    expect(() => loadLocalPeople(path)).toThrow(LocalUsersFileError);
    expect(() => loadLocalPeople(path)).toThrow(message);
    expect(() => loadLocalPeople(path)).toThrow(path);
  });

  it('fails loudly on a file that is not there', () => {
    expect(() => loadLocalPeople('/nonexistent/users.json')).toThrow(
      /users\.json is not valid:\n {2}cannot be read: ENOENT/,
    );
  });
});
