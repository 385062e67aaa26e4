import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetterSink } from '../../ports';

/** Invalid visit events go to the ingest dead-letter queue with the reason as a message attribute. */
export function createSqsDeadLetterSink(sqs: SQSClient, queueUrl: string): DeadLetterSink {
  return {
    async put({ reason, body, at }) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: body,
          MessageAttributes: {
            reason: { DataType: 'String', StringValue: reason.slice(0, 2000) },
            rejectedAt: { DataType: 'String', StringValue: at },
          },
        }),
      );
    },
  };
}
