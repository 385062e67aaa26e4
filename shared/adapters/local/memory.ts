import type { DeadLetterSink, EventPublisher, Log, PublishedEvent } from '../../ports';
import type { DeadLetter } from '../../schemas/records';

export class MemoryDeadLetters implements DeadLetterSink {
  readonly entries: DeadLetter[] = [];
  async put(letter: DeadLetter): Promise<void> {
    this.entries.push(letter);
  }
}

export class MemoryEventPublisher implements EventPublisher {
  readonly events: (PublishedEvent & { time: string })[] = [];
  constructor(private readonly now: () => Date) {}
  async publish(event: PublishedEvent): Promise<void> {
    this.events.push({ ...event, time: this.now().toISOString() });
  }
}

/** Keeps log lines for tests that check what is (not) logged. */
export class MemoryLog implements Log {
  readonly lines: { level: string; message: string; extra?: Record<string, unknown> }[] = [];
  debug(message: string, extra?: Record<string, unknown>) {
    this.lines.push({ level: 'debug', message, extra });
  }
  info(message: string, extra?: Record<string, unknown>) {
    this.lines.push({ level: 'info', message, extra });
  }
  warn(message: string, extra?: Record<string, unknown>) {
    this.lines.push({ level: 'warn', message, extra });
  }
  error(message: string, extra?: Record<string, unknown>) {
    this.lines.push({ level: 'error', message, extra });
  }
  text(): string {
    return this.lines.map((l) => JSON.stringify(l)).join('\n');
  }
}
