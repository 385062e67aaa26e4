import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { hashPassword, PASSWORD_HASH_FORMAT, parsePasswordHash, verifyPassword } from './passwords';
import { type Person, roleGrantSchema } from './roles';

/** The one user of local mode when no users file is named. */
export const DEFAULT_LOCAL_USER = { username: 'admin', password: 'local-admin' } as const;

const usernameSchema = z
  .string()
  .regex(/^[A-Za-z0-9._@-]{1,100}$/, 'use 1–100 letters, digits, ".", "_", "@" or "-"');

const localUserSchema = z
  .strictObject({
    username: usernameSchema,
    password: z.string().min(8, 'use at least 8 characters').max(1000).optional(),
    passwordHash: z
      .string()
      .refine((text) => parsePasswordHash(text) !== undefined, `use the format ${PASSWORD_HASH_FORMAT}`)
      .optional(),
    roles: z.array(roleGrantSchema).min(1, 'grant at least one role'),
  })
  .refine((user) => (user.password === undefined) !== (user.passwordHash === undefined), {
    message: 'give exactly one of "password" and "passwordHash"',
  });

export const localUsersFileSchema = z.array(localUserSchema).superRefine((users, ctx) => {
  const seen = new Set<string>();
  users.forEach((user, index) => {
    const key = user.username.toLowerCase();
    if (seen.has(key))
      ctx.addIssue({ code: 'custom', path: [index, 'username'], message: 'this username is already listed' });
    seen.add(key);
  });
});

export class LocalUsersFileError extends Error {
  constructor(path: string, problems: string[]) {
    super(`The users file ${path} is not valid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'LocalUsersFileError';
  }
}

/** A person with only a password hash: the plain password is never kept. */
interface StoredUser extends Person {
  passwordHash: string;
}

/** Who may sign in to the console, and with what roles. */
export interface PeopleDirectory {
  /** The person when the password is right; `undefined` for an unknown user and a wrong password alike. */
  authenticate(username: string, password: string): Promise<Person | undefined>;
  /** The person as the directory knows them now (roles may have changed since sign-in). */
  find(username: string): Person | undefined;
}

/** A throwaway hash: an unknown username costs as much time as a wrong password. */
let decoyHash: string | undefined;

export function localPeopleDirectory(users: readonly StoredUser[]): PeopleDirectory {
  const byName = new Map(users.map((user) => [user.username.toLowerCase(), user]));
  const asPerson = (user: StoredUser): Person => ({ username: user.username, roles: user.roles });
  return {
    async authenticate(username, password) {
      const user = byName.get(username.toLowerCase());
      decoyHash ??= hashPassword('decoy');
      const matches = await verifyPassword(password, user?.passwordHash ?? decoyHash);
      return user && matches ? asPerson(user) : undefined;
    },
    find(username) {
      const user = byName.get(username.toLowerCase());
      return user && asPerson(user);
    },
  };
}

/** Parses the users file's content; plain passwords are hashed here and dropped. */
export function parseLocalUsers(path: string, content: string): StoredUser[] {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    throw new LocalUsersFileError(path, [`not JSON: ${(error as Error).message}`]);
  }
  const parsed = localUsersFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new LocalUsersFileError(
      path,
      parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
    );
  }
  return parsed.data.map((user) => ({
    username: user.username,
    roles: user.roles,
    passwordHash: user.passwordHash ?? hashPassword(user.password as string),
  }));
}

const formatPath = (path: readonly PropertyKey[]) =>
  path.length === 0
    ? '(file)'
    : path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');

/**
 * The people of local mode: those of the JSON file at `path` (`PALAUTE_USERS_FILE`), or without one
 * the default `admin` / `local-admin` platform admin. A bad file fails loudly, naming the entry.
 */
export function loadLocalPeople(path?: string): PeopleDirectory {
  if (path === undefined) {
    return localPeopleDirectory([
      {
        username: DEFAULT_LOCAL_USER.username,
        roles: [{ role: 'platform-admin' }],
        passwordHash: hashPassword(DEFAULT_LOCAL_USER.password),
      },
    ]);
  }
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LocalUsersFileError(path, [
      `cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    ]);
  }
  return localPeopleDirectory(parseLocalUsers(path, content));
}
