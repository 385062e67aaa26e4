/**
 * `npm run event-schemas`: writes the JSON Schemas of the visit events (docs/events/*.schema.json)
 * from the zod schemas the ingest function validates with, so integrators and Palaute check the same
 * contract. `test/unit/eventSchemas.test.ts` fails when the committed files and the zod source differ.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import {
  appointmentCancelledSchema,
  appointmentCompletedSchema,
  DETAIL_TYPE_APPOINTMENT_CANCELLED,
  DETAIL_TYPE_APPOINTMENT_COMPLETED,
} from '../shared/schemas/events';

export const EVENTS_DOCS_DIR = fileURLToPath(new URL('../docs/events', import.meta.url));

export interface EventJsonSchema {
  detailType: string;
  file: string;
  schema: Record<string, unknown>;
}

/**
 * Draft 2020-12, input side (`io: 'input'`): a field with a default (contactType) is optional, as
 * it is for a sender. `$id` is a URN, an identifier rather than an address to fetch.
 */
function jsonSchemaOf(zodSchema: z.ZodType, name: string): Record<string, unknown> {
  const { $schema, title, description, ...rest } = z.toJSONSchema(zodSchema, {
    target: 'draft-2020-12',
    io: 'input',
  });
  return { $schema, $id: `urn:palaute:events:${name}:schema-version-1`, title, description, ...rest };
}

export function eventJsonSchemas(): EventJsonSchema[] {
  return [
    {
      detailType: DETAIL_TYPE_APPOINTMENT_COMPLETED,
      file: 'appointment-completed.schema.json',
      schema: jsonSchemaOf(appointmentCompletedSchema, 'appointment-completed'),
    },
    {
      detailType: DETAIL_TYPE_APPOINTMENT_CANCELLED,
      file: 'appointment-cancelled.schema.json',
      schema: jsonSchemaOf(appointmentCancelledSchema, 'appointment-cancelled'),
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const { file, schema } of eventJsonSchemas()) {
    writeFileSync(join(EVENTS_DOCS_DIR, file), `${JSON.stringify(schema, null, 2)}\n`);
    console.log(`wrote docs/events/${file}`);
  }
}
