import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchDynamoLocal, startDynamoLocal } from '../../local/dynamo';
import { freePort } from '../support/ports';

describe('starting DynamoDB Local', () => {
  it("shows Java's own message and exit code when DynamoDB Local stops at start", async () => {
    // The failure newcomers met: Java was given a database directory it could not use.
    const parent = mkdtempSync(join(tmpdir(), 'palaute-dynamo-'));
    const started = launchDynamoLocal({ port: await freePort(), path: join(parent, 'does-not-exist') });
    await expect(started).rejects.toThrow(/exited with code \d+ before it answered/);
    await expect(started).rejects.toThrow(/Java's output:\n {2}\| Invalid directory for database creation/);
    rmSync(parent, { recursive: true, force: true });
  });

  it('names the port and the variable to change when the port is taken', async () => {
    const taken = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => taken.listen(port, resolve));
    try {
      await expect(startDynamoLocal({ port })).rejects.toThrow(
        new RegExp(`Port ${port} is already in use.*DYNAMODB_LOCAL_PORT`),
      );
    } finally {
      taken.close();
    }
  });
});
