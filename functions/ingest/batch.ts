import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import type { IngestResult } from '../../shared/services/ingest';

const processor = new BatchProcessor(EventType.SQS);

/**
 * One SQS batch of visit events, each handled by `ingest` (in parallel, as Powertools does): an invalid
 * one is dead-lettered by ingest itself, a storage failure fails that message alone. Kept apart from
 * the handler's module-scope clients so that the ingest bench runs exactly this path.
 */
export function ingestSqsBatch(
  event: SQSEvent,
  context: Context,
  ingest: (body: string) => Promise<IngestResult>,
) {
  return processPartialResponse(event, (record: SQSRecord) => ingest(record.body), processor, {
    context,
    throwOnFullBatchFailure: false,
  });
}
