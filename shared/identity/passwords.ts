import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes are `scrypt$<N>$<r>$<p>$<salt base64url>$<hash base64url>`: the parameters travel
 * with the hash so that they can be raised later without invalidating stored hashes.
 */
const PREFIX = 'scrypt';
const DEFAULT_COST = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
const HASH_PATTERN = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{32,})$/;

export const PASSWORD_HASH_FORMAT = 'scrypt$<N>$<r>$<p>$<salt>$<hash> (base64url salt and hash)';

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

export function parsePasswordHash(text: string): ParsedHash | undefined {
  const match = HASH_PATTERN.exec(text);
  if (!match) return undefined;
  const [, n, rText, pText, salt = '', hash = ''] = match;
  const [N, r, p] = [Number(n), Number(rText), Number(pText)];
  // N must be a power of two above 1; bounds keep a hostile file from asking for gigabytes.
  if (N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return undefined;
  return { N, r, p, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

/** Hashes with a fresh random salt. Synchronous: used when loading the users file. */
export function hashPassword(password: string, cost = DEFAULT_COST): string {
  const salt = randomBytes(SALT_BYTES);
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, {
    ...cost,
    maxmem: 128 * cost.N * cost.r * 2,
  });
  return [PREFIX, cost.N, cost.r, cost.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Whether the password matches the hash, compared in constant time. */
export async function verifyPassword(password: string, passwordHash: string): Promise<boolean> {
  const parsed = parsePasswordHash(passwordHash);
  if (!parsed) return false;
  const derived = await new Promise<Buffer>((resolve, reject) =>
    scrypt(
      password.normalize('NFC'),
      parsed.salt,
      parsed.hash.length,
      { N: parsed.N, r: parsed.r, p: parsed.p, maxmem: 128 * parsed.N * parsed.r * 2 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
  return timingSafeEqual(derived, parsed.hash);
}
