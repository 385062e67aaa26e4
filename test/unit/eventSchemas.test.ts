import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { EVENTS_DOCS_DIR, eventJsonSchemas } from '../../scripts/event-schemas';
import {
  appointmentCancelledSchema,
  appointmentCompletedSchema,
  DETAIL_TYPE_APPOINTMENT_CANCELLED,
  DETAIL_TYPE_APPOINTMENT_COMPLETED,
  eventIssues,
} from '../../shared/schemas/events';

const EXAMPLES_DIR = join(EVENTS_DOCS_DIR, 'examples');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** A real JSON Schema 2020-12 validator, strict about the schema itself, checking formats too. */
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const committed = (file: string) => readJson(join(EVENTS_DOCS_DIR, file));
const jsonSchemaValidator = {
  completed: ajv.compile(committed('appointment-completed.schema.json')),
  cancelled: ajv.compile(committed('appointment-cancelled.schema.json')),
};
const zodSchema = { completed: appointmentCompletedSchema, cancelled: appointmentCancelledSchema };

/** Which event an example is, by its file name (`appointment-completed-….json`). */
const kindOf = (file: string) => (file.startsWith('appointment-cancelled') ? 'cancelled' : 'completed');

/** An ajv error as a dotted path, as ingest names it (`client.personRef`). */
function ajvPath(error: ErrorObject): string {
  const segments = error.instancePath.split('/').filter((s) => s !== '');
  if (error.keyword === 'required') segments.push(String(error.params.missingProperty));
  return segments.join('.');
}

describe('the committed event JSON Schemas', () => {
  it('are what the zod schemas generate today (run `npm run event-schemas` after changing them)', () => {
    const generated = eventJsonSchemas();
    expect(generated.map((g) => g.detailType)).toEqual([
      DETAIL_TYPE_APPOINTMENT_COMPLETED,
      DETAIL_TYPE_APPOINTMENT_CANCELLED,
    ]);
    for (const { file, schema } of generated) expect(committed(file), file).toEqual(schema);
    const onDisk = readdirSync(EVENTS_DOCS_DIR).filter((f) => f.endsWith('.schema.json'));
    expect(onDisk.sort()).toEqual(generated.map((g) => g.file).sort());
  });

  it('are draft 2020-12 with an $id, a title and a description of every field', () => {
    for (const { schema } of eventJsonSchemas()) {
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id).toMatch(/^urn:palaute:events:appointment-(completed|cancelled):schema-version-1$/);
      expect(schema.title).toMatch(/^Appointment (Completed|Cancelled)$/);
      const undescribed: string[] = [];
      const walk = (node: Record<string, unknown>, path: string) => {
        for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, never>)) {
          if (typeof (child as { description?: unknown }).description !== 'string')
            undescribed.push(`${path}${key}`);
          walk(child, `${path}${key}.`);
        }
      };
      walk(schema, '');
      expect(undescribed).toEqual([]);
    }
  });

  it('leave contactType optional (it has a default) and ignore unknown fields, as ingest does', () => {
    const completed = committed('appointment-completed.schema.json');
    expect(completed.required).not.toContain('contactType');
    expect(completed.additionalProperties).toBeUndefined();
    const minimal = {
      schemaVersion: 1,
      appointmentId: 'A-1',
      organizationId: 'org-pohde',
      unitId: 'unit-a',
      completedAt: '2026-11-20T09:40:00+02:00',
      client: { personRef: 'p-1' },
      somethingElse: true,
    };
    expect(jsonSchemaValidator.completed(minimal)).toBe(true);
    expect(appointmentCompletedSchema.parse(minimal).contactType).toBe('visit');
  });
});

describe('the example events', () => {
  const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json'));
  const valid = files.filter((f) => !f.includes('-invalid'));

  it('include a completed visit, a Finnish national phone number, a cancellation and an invalid one', () => {
    expect(valid.sort()).toEqual([
      'appointment-cancelled.json',
      'appointment-completed-national-phone.json',
      'appointment-completed.json',
    ]);
    expect(files).toContain('appointment-completed-invalid.json');
    expect(files).toContain('appointment-completed-invalid.errors.json');
    expect(readJson(join(EXAMPLES_DIR, 'appointment-completed-national-phone.json')).client.mobilePhone).toBe(
      '040 123 4567',
    );
  });

  it.each(valid)('%s is valid for the JSON Schema and for zod', (file) => {
    const event = readJson(join(EXAMPLES_DIR, file));
    const validate = jsonSchemaValidator[kindOf(file)];
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    expect(zodSchema[kindOf(file)].safeParse(event).success).toBe(true);
  });

  it('the invalid one fails both, at the documented paths with the documented messages', () => {
    const event = readJson(join(EXAMPLES_DIR, 'appointment-completed-invalid.json'));
    const documented = readJson(join(EXAMPLES_DIR, 'appointment-completed-invalid.errors.json'));
    const paths = documented.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual([
      'schemaVersion',
      'unitId',
      'contactType',
      'completedAt',
      'client.personRef',
      'client.age',
    ]);

    const zod = appointmentCompletedSchema.safeParse(event);
    expect(zod.success).toBe(false);
    expect({ valid: false, errors: zod.error ? eventIssues(zod.error) : [] }).toEqual(documented);

    expect(jsonSchemaValidator.completed(event)).toBe(false);
    const jsonSchemaPaths = new Set((jsonSchemaValidator.completed.errors ?? []).map(ajvPath));
    expect([...jsonSchemaPaths].sort()).toEqual([...paths].sort());
  });
});

describe('the JSON Schema and zod agree', () => {
  /** Field values an integrator might send, right and wrong (no astral characters, see README). */
  const values = fc.constantFrom<unknown>(
    undefined,
    null,
    '',
    ' ',
    'A-1',
    ' A-1 ',
    'x'.repeat(200),
    'x'.repeat(201),
    0,
    1,
    2,
    1.5,
    -1,
    151,
    true,
    false,
    'visit',
    'clinic',
    'phone',
    '2026-11-20T09:40:00+02:00',
    '2026-11-20T09:40:00Z',
    '2026-11-20T09:40:00.123Z',
    '2026-11-20T09:40:00',
    '2026-11-20T09:40+02:00',
    '2026-02-30T09:40:00Z',
    '2028-02-29T09:40:00Z',
    '2026-11-20 09:40:00Z',
    '040 123 4567',
    'sv-FI',
    [],
    {},
  );
  const fields = [
    'schemaVersion',
    'appointmentId',
    'organizationId',
    'unitId',
    'serviceCode',
    'contactType',
    'completedAt',
    'client',
    'client.personRef',
    'client.mobilePhone',
    'client.language',
    'client.age',
    'client.deceased',
    'client.securityBan',
    'client.smsConsent',
  ];

  function withChanges(base: Record<string, unknown>, changes: [string, unknown][]) {
    const event = structuredClone(base) as Record<string, Record<string, unknown>>;
    for (const [path, value] of changes) {
      const [head = '', leaf] = path.split('.');
      const target = leaf === undefined ? event : event[head];
      if (!target || typeof target !== 'object' || Array.isArray(target)) continue;
      const key = leaf ?? head;
      if (value === undefined) delete target[key];
      else target[key] = value as never;
    }
    return event;
  }

  const agree = (kind: 'completed' | 'cancelled', schema: z.ZodType, base: Record<string, unknown>) =>
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...fields), values), { maxLength: 4 }), (changes) => {
        const event = withChanges(base, changes);
        expect(jsonSchemaValidator[kind](event)).toBe(schema.safeParse(event).success);
      }),
      { numRuns: 2000 },
    );

  it('on changed completions (property)', () => {
    agree(
      'completed',
      appointmentCompletedSchema,
      readJson(join(EXAMPLES_DIR, 'appointment-completed.json')),
    );
  });

  it('on changed cancellations (property)', () => {
    agree(
      'cancelled',
      appointmentCancelledSchema,
      readJson(join(EXAMPLES_DIR, 'appointment-cancelled.json')),
    );
  });
});
