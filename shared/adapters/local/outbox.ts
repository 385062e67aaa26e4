import { randomUUID } from 'node:crypto';
import type { Clock, SmsGateway, SmsMessage } from '../../ports';

export interface OutboxMessage extends SmsMessage {
  messageId: string;
  sentAt: string;
}

/** The local stand-in for SNS: every SMS lands in a list that `GET /local/outbox` shows. */
export class LocalSmsOutbox implements SmsGateway {
  readonly messages: OutboxMessage[] = [];
  constructor(private readonly clock: Clock) {}

  async send(message: SmsMessage): Promise<{ messageId: string }> {
    const messageId = randomUUID();
    this.messages.push({ messageId, ...message, sentAt: this.clock.now().toISOString() });
    return { messageId };
  }
}
