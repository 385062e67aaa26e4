import { z } from 'zod';
import { appointmentCompletedSchema } from '../shared/schemas/events';
console.log(JSON.stringify(z.toJSONSchema(appointmentCompletedSchema, { io: 'input', target: 'draft-2020-12' }), null, 2));
