import type { PalauteClient } from './client';
import type { Io } from './output';

/** What every command gets: where to write, and the API client (built on first use, after option parsing). */
export interface CommandContext {
  io: Io;
  client(): PalauteClient;
}
