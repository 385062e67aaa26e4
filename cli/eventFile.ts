import {
  appointmentCancelledSchema,
  appointmentCompletedSchema,
  DETAIL_TYPE_APPOINTMENT_CANCELLED,
  DETAIL_TYPE_APPOINTMENT_COMPLETED,
  eventBridgeEnvelopeSchema,
  parseVisitEvent,
} from '../shared/schemas/events';
import { type FieldIssue, issuesOf } from './files';

/** One event of a file, as EventBridge delivers it, with the path prefixes its errors are reported under. */
export interface FileEvent {
  /** `[2]` for the third of an array, '' for a single event. */
  at: string;
  /** The event in EventBridge's shape `{ source, detail-type, detail }`, when it could be read as one. */
  envelope?: { source: unknown; 'detail-type': unknown; detail: unknown };
  /** Where the detail sits in the file: `detail` of an EventBridge event, `Detail` of a PutEvents entry. */
  detailPath: string;
  issues: FieldIssue[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const join = (...parts: string[]) => parts.filter((part) => part !== '').join('.');

/** A PutEvents entry `{ Source, DetailType, Detail: "<json string>" }` read as the event EventBridge makes of it. */
function fromPutEventsEntry(entry: Record<string, unknown>, at: string): FileEvent {
  const event: FileEvent = { at, detailPath: 'Detail', issues: [] };
  let detail: unknown;
  if (typeof entry.Detail !== 'string') {
    event.issues.push({ path: join(at, 'Detail'), message: 'must be the detail as a JSON string' });
    return event;
  }
  try {
    detail = JSON.parse(entry.Detail);
  } catch (error) {
    event.issues.push({ path: join(at, 'Detail'), message: `not valid JSON (${(error as Error).message})` });
    return event;
  }
  event.envelope = { source: entry.Source, 'detail-type': entry.DetailType, detail };
  return event;
}

/**
 * The events of a file: an EventBridge event, a PutEvents entry, a PutEvents request `{ Entries }`, or
 * an array of any of these.
 */
export function eventsOfFile(content: unknown): FileEvent[] {
  const list = Array.isArray(content)
    ? content
    : isObject(content) && Array.isArray(content.Entries)
      ? content.Entries
      : undefined;
  const prefix = Array.isArray(content) ? '' : 'Entries';
  const items = list ?? [content];
  return items.map((item, index) => {
    const at = list ? `${prefix}[${index}]` : '';
    if (isObject(item) && ('DetailType' in item || 'Detail' in item || 'Source' in item))
      return fromPutEventsEntry(item, at);
    if (isObject(item) && ('detail-type' in item || 'detail' in item || 'source' in item))
      return {
        at,
        detailPath: 'detail',
        envelope: { source: item.source, 'detail-type': item['detail-type'], detail: item.detail },
        issues: [],
      };
    return {
      at,
      detailPath: 'detail',
      issues: [
        {
          path: at === '' ? '(root)' : at,
          message:
            'expected an EventBridge event { source, detail-type, detail } or a PutEvents entry { Source, DetailType, Detail }',
        },
      ],
    };
  });
}

/** Every problem of one event, each with its path in the file, by the same schemas ingest uses. */
export function validateFileEvent(event: FileEvent): FieldIssue[] {
  if (!event.envelope) return event.issues;
  const putEntry = event.detailPath === 'Detail';
  const envelopePath = (key: string) =>
    putEntry ? ({ source: 'Source', 'detail-type': 'DetailType' }[key] ?? key) : key;
  const envelope = eventBridgeEnvelopeSchema.safeParse(event.envelope);
  if (!envelope.success) {
    return envelope.error.issues.map((issue) => ({
      path: join(event.at, ...issue.path.map((p) => envelopePath(String(p)))),
      message: issue.message,
    }));
  }
  const detailType = envelope.data['detail-type'];
  const schema =
    detailType === DETAIL_TYPE_APPOINTMENT_COMPLETED
      ? appointmentCompletedSchema
      : detailType === DETAIL_TYPE_APPOINTMENT_CANCELLED
        ? appointmentCancelledSchema
        : undefined;
  if (!schema) {
    return [
      {
        path: join(event.at, envelopePath('detail-type')),
        message: `unsupported detail-type "${detailType}"; expected "${DETAIL_TYPE_APPOINTMENT_COMPLETED}" or "${DETAIL_TYPE_APPOINTMENT_CANCELLED}"`,
      },
    ];
  }
  const detail = schema.safeParse(envelope.data.detail);
  const issues = detail.success ? [] : issuesOf(detail.error, join(event.at, event.detailPath));
  // Ingest decides with parseVisitEvent: never call an event valid that ingest would dead-letter.
  const verdict = parseVisitEvent(event.envelope);
  if (!verdict.ok && issues.length === 0)
    issues.push({ path: event.at || '(root)', message: verdict.reason });
  return issues;
}
