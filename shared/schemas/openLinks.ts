import * as z from 'zod';
import { configIdSchema } from './config';
import { answerValueSchema, respondentSchema } from './records';

/** The channels an open link serves; SMS has its own links and paper is keyed in by staff. */
export const OPEN_LINK_CHANNELS = ['qr', 'web', 'kiosk'] as const;
export const openLinkChannelSchema = z.enum(OPEN_LINK_CHANNELS);
export type OpenLinkChannel = z.infer<typeof openLinkChannelSchema>;

/** 128 random bits as base64url: a poster shows it, nobody can enumerate it. */
export const OPEN_LINK_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
export const openLinkIdSchema = z.string().regex(OPEN_LINK_ID_PATTERN, 'an open link id (22 characters)');

/** Why an answer through an open link was not stored (the person still saw thanks). */
export const REJECTION_REASONS = ['honeypot', 'fillTime', 'rateLimit'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const openLinkSchema = z
  .object({
    openLinkId: openLinkIdSchema,
    organizationId: configIdSchema,
    unitId: configIdSchema,
    channel: openLinkChannelSchema,
    respondent: respondentSchema,
    questionSetId: z
      .string()
      .optional()
      .meta({ description: "The link's own question set; without it the unit's set when answered." }),
    createdAt: z.string(),
    createdBy: z.string(),
    revokedAt: z.string().optional().meta({ description: 'Set when revoked: the link then answers 410.' }),
    rejected: z.number().int().meta({
      description: 'Answers not stored by the abuse protection (honeypot, fill time, rate limits).',
    }),
    rejectedBy: z.object({
      honeypot: z.number().int(),
      fillTime: z.number().int(),
      rateLimit: z.number().int(),
    }),
  })
  .meta({ id: 'OpenLink' });
export type OpenLink = z.infer<typeof openLinkSchema>;

export const openLinkBodySchema = z
  .object({
    channel: openLinkChannelSchema,
    respondent: respondentSchema,
    questionSetId: z.string().min(1).max(100).optional(),
  })
  .strict()
  .meta({ id: 'OpenLinkBody' });
export type OpenLinkBody = z.infer<typeof openLinkBodySchema>;

export const paperAnswerBodySchema = z
  .object({
    visitDate: z.iso.date().meta({ description: 'The local date of the visit the paper form is about.' }),
    respondent: respondentSchema,
    answers: z
      .record(z.string(), answerValueSchema)
      .meta({ description: 'Question id → 0–10 (nps), 1–5 or "na" (statements), as on the form.' }),
    comment: z.string().optional(),
    language: z.enum(['fi', 'sv', 'en']).default('fi'),
  })
  .strict()
  .meta({ id: 'PaperAnswerBody' });
export type PaperAnswerBody = z.infer<typeof paperAnswerBodySchema>;
