import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from './nag';

/** Dead letters are kept the longest SQS allows: someone has to look at them. */
const DEAD_LETTER_RETENTION = Duration.days(14);

/** Encrypted at rest (SQS-managed keys, which EventBridge and Scheduler can write to) and TLS only. */
const queueDefaults: sqs.QueueProps = {
  encryption: sqs.QueueEncryption.SQS_MANAGED,
  enforceSSL: true,
};

export interface WorkQueueProps {
  /** At least six times the consuming function's timeout (AWS's advice for SQS event sources). */
  readonly visibilityTimeout: Duration;
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
}

/** A queue that feeds a function, and its dead-letter queue. */
export class WorkQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      ...queueDefaults,
      retentionPeriod: DEAD_LETTER_RETENTION,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      ...queueDefaults,
      visibilityTimeout: props.visibilityTimeout,
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: props.maxReceiveCount },
    });
  }
}

/**
 * A dead-letter queue that no redrive policy points at: the target of an EventBridge Scheduler
 * dead-letter config or a Lambda on-failure destination.
 */
export function standaloneDeadLetterQueue(scope: Construct, id: string, usedBy: string): sqs.Queue {
  const queue = new sqs.Queue(scope, id, { ...queueDefaults, retentionPeriod: DEAD_LETTER_RETENTION });
  acknowledge(
    queue,
    `This queue is itself a dead-letter queue (${usedBy}); cdk-nag only recognises DLQs named in a redrive policy.`,
    'AwsSolutions-SQS3',
  );
  return queue;
}
