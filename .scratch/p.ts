import { parseVisitEvent } from '../shared/schemas/events';
const bad = { source: 's', 'detail-type': 'Appointment Completed', detail: { schemaVersion: 2, appointmentId: '  ', organizationId: 'o', unitId: 'u', contactType: 'clinic', completedAt: '2026-11-20T09:40:00', client: { age: -1, mobilePhone: 5 } } };
console.log(JSON.stringify(parseVisitEvent(bad), null, 1));
console.log(JSON.stringify(parseVisitEvent({ source: 's', 'detail-type': 'Appointment Completed', detail: { schemaVersion: 1 } }), null, 1));
console.log(JSON.stringify(parseVisitEvent({ 'detail-type': 'X' }), null, 1));
console.log(JSON.stringify(parseVisitEvent({ source: 'a', 'detail-type': 'X' }), null, 1));
console.log(JSON.stringify(parseVisitEvent({ source: 'a', 'detail-type': 'Appointment Cancelled', detail: 'x' }), null, 1));
