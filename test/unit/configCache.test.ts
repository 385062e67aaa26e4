import { describe, expect, it } from 'vitest';
import { withCachedConfigReads } from '../../shared/adapters/dynamo/configStore';
import type { ConfigStore } from '../../shared/ports';
import type { Organization, Unit } from '../../shared/schemas/config';

function countingStore(fail = { unit: false }) {
  const reads = { organization: 0, unit: 0, optOut: 0 };
  let version = 1;
  const store = {
    async getOrganization(id: string) {
      reads.organization += 1;
      return { organizationId: id, version } as unknown as Organization;
    },
    async getUnit(id: string) {
      reads.unit += 1;
      if (fail.unit) throw new Error('ProvisionedThroughputExceededException');
      return id === 'missing' ? undefined : ({ unitId: id, version } as unknown as Unit);
    },
    async isOptedOut() {
      reads.optOut += 1;
      return false;
    },
  } as unknown as ConfigStore;
  return { store, reads, bump: () => version++ };
}

describe('configuration reads cached per container', () => {
  it('reads an organization and a unit once per TTL, also when asked at once', async () => {
    let now = 0;
    const { store, reads, bump } = countingStore();
    const cached = withCachedConfigReads(store, () => now, 60_000);
    await Promise.all(Array.from({ length: 10 }, () => cached.getOrganization('o')));
    await cached.getUnit('u');
    await cached.getUnit('u');
    expect(reads).toMatchObject({ organization: 1, unit: 1 });
    bump();
    now = 59_999;
    expect((await cached.getUnit('u'))?.version).toBe(1);
    // After the TTL a change is seen.
    now = 60_000;
    expect((await cached.getUnit('u'))?.version).toBe(2);
    expect(reads.unit).toBe(2);
  });

  it('keeps a miss, forgets a failure, and never caches opt-outs', async () => {
    const fail = { unit: true };
    const { store, reads } = countingStore(fail);
    const cached = withCachedConfigReads(store, () => 0);
    await expect(cached.getUnit('u')).rejects.toThrow(/Throughput/);
    fail.unit = false;
    expect(await cached.getUnit('u')).toBeDefined();
    expect(await cached.getUnit('missing')).toBeUndefined();
    expect(await cached.getUnit('missing')).toBeUndefined();
    expect(reads.unit).toBe(3);
    await cached.isOptedOut('o', 'h');
    await cached.isOptedOut('o', 'h');
    expect(reads.optOut).toBe(2);
  });
});
