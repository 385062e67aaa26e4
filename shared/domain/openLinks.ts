import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { OpenLinkChannel } from '../schemas/openLinks';

/** An open link id: 128 random bits as base64url (22 characters). */
export function newOpenLinkId(): string {
  return randomBytes(16).toString('base64url');
}

/** The form fields of the abuse protection; no question set uses these ids. */
export const HONEYPOT_FIELD = 'website';
export const FORM_STAMP_FIELD = 'started';

/** The abuse protection of open links; see docs/survey.md. */
export interface OpenLinkLimits {
  /** Length of the fixed window the budgets count in. */
  windowMs: number;
  /** Answers one client (a daily-salted hash of its address) may give through one link per window. */
  perClient: Record<OpenLinkChannel, number>;
  /** Answers one link takes per window from all clients together. */
  perLink: Record<OpenLinkChannel, number>;
  /** A form sent back sooner than this after it was served is not a person's answer. */
  minFillMs: number;
}

/**
 * A phone answers a QR poster or web link a few times at most; a unit's tablet (one address) serves
 * everyone at the unit, so its client budget is the link's.
 */
export const DEFAULT_OPEN_LINK_LIMITS: OpenLinkLimits = {
  windowMs: 60 * 60_000,
  perClient: { qr: 5, web: 5, kiosk: 120 },
  perLink: { qr: 300, web: 300, kiosk: 120 },
  minFillMs: 3_000,
};

const mac = (key: string, ...parts: string[]) =>
  createHmac('sha256', key).update(parts.join('\u0000')).digest('base64url');

/** The signed time a form was served: `{epoch ms}.{MAC}`, bound to the link. */
export function formStamp(key: string, openLinkId: string, servedAt: Date): string {
  const ms = String(servedAt.getTime());
  return `${ms}.${mac(key, 'form-stamp', openLinkId, ms)}`;
}

export type StampCheck = 'ok' | 'forged' | 'tooFast';

/** Whether a posted stamp is ours for this link and at least `minFillMs` old. */
export function checkFormStamp(
  key: string,
  openLinkId: string,
  stamp: string | undefined,
  now: Date,
  minFillMs: number,
): StampCheck {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(stamp ?? '');
  if (!match?.[1] || !match[2]) return 'forged';
  const expected = Buffer.from(mac(key, 'form-stamp', openLinkId, match[1]));
  const given = Buffer.from(match[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'forged';
  const elapsed = now.getTime() - Number(match[1]);
  return elapsed >= minFillMs ? 'ok' : 'tooFast';
}

/** The client as the budgets know it: a keyed hash of its address under the day's salt. */
export function clientHash(dailySalt: string, address: string): string {
  return mac(dailySalt, 'client', address);
}

/** The UTC day a salt belongs to, and when it may be forgotten (the end of the next day). */
export function saltDay(now: Date): { day: string; expiresAt: Date } {
  const day = now.toISOString().slice(0, 10);
  return { day, expiresAt: new Date(Date.parse(`${day}T00:00:00Z`) + 2 * 24 * 60 * 60_000) };
}

/** The fixed window `now` falls in: its number (part of the budget's key) and its end. */
export function budgetWindow(now: Date, windowMs: number): { index: number; endsAt: Date } {
  const index = Math.floor(now.getTime() / windowMs);
  return { index, endsAt: new Date((index + 1) * windowMs) };
}
