import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Keyed hashing for values that must be comparable but never stored in the clear (personRef, phone),
 * and for deterministic sampling. Purposes are separated so that one hash can never stand for another.
 */
export interface KeyedHasher {
  personHmac(organizationId: string, personRef: string): string;
  phoneHmac(organizationId: string, e164: string): string;
  /** A number in [0, 1) that is the same for the same unit and appointment, and uniform across them. */
  samplingPoint(unitId: string, appointmentId: string): number;
}

/**
 * One part of a MAC's input: `%` and NUL are escaped, so that the NUL between parts can never come from
 * inside one and two different tuples always give two different inputs. Parts without either
 * character are unchanged, and so are their MACs.
 */
const macPart = (part: string) => part.replaceAll('%', '%25').replaceAll('\u0000', '%00');

export function createKeyedHasher(secret: string): KeyedHasher {
  if (secret.length < 16) throw new Error('the HMAC key must be at least 16 characters');
  const mac = (purpose: string, ...parts: string[]) =>
    createHmac('sha256', secret)
      .update([purpose, ...parts].map(macPart).join('\u0000'))
      .digest();
  return {
    personHmac: (organizationId, personRef) => mac('person', organizationId, personRef).toString('base64url'),
    phoneHmac: (organizationId, e164) => mac('phone', organizationId, e164).toString('base64url'),
    samplingPoint: (unitId, appointmentId) => {
      // 48 bits of the MAC are exactly representable in a double.
      const digest = mac('sample', unitId, appointmentId);
      return digest.readUIntBE(0, 6) / 2 ** 48;
    },
  };
}

/** Deterministic sampling: a redelivered event always gets the same answer. */
export function isSampled(
  hasher: KeyedHasher,
  unitId: string,
  appointmentId: string,
  samplingRate: number,
): boolean {
  return hasher.samplingPoint(unitId, appointmentId) < samplingRate;
}

/** A survey link token: 128 random bits as base64url (22 characters). */
export function newSurveyToken(): string {
  return randomBytes(16).toString('base64url');
}

export const SURVEY_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** Only this hash of a token is stored; the token exists only in the SMS. */
export function hashSurveyToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
