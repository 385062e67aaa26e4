import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as real from 'zod';
import * as bundled from '../../infra/bundle/zod';
import { LAMBDA_BUNDLING } from '../../infra/function';
import { rulesSchema } from '../../shared/schemas/config';

/** Every name a namespace exports, with the namespaces inside it (`core`, `iso`, …) one level deep. */
function surface(ns: object): Record<string, unknown> {
  const names: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(ns)) {
    names[name] = value;
    if (
      !['locales', 'z', 'default'].includes(name) &&
      value &&
      typeof value === 'object' &&
      Symbol.toStringTag in value
    )
      for (const [inner, innerValue] of Object.entries(value)) names[`${name}.${inner}`] = innerValue;
  }
  return names;
}

const BAD_RULES = {
  samplingRate: 2,
  timing: { mode: 'later' },
  sendWindow: { start: '25:00', end: '25:00', days: [] },
  blockedDates: ['2026-02-30'],
  unknown: true,
};

describe('zod as the Lambda bundles see it (infra/bundle/zod)', () => {
  it('exports what zod exports, the same values, with English as the one message locale', () => {
    const ours = surface(bundled);
    const zods = surface(real);
    expect(Object.keys(ours).sort()).toEqual(Object.keys(zods).sort());
    for (const [name, value] of Object.entries(zods)) {
      if (
        name === 'locales' ||
        name === 'core.locales' ||
        name === 'z' ||
        name === 'default' ||
        name === 'core'
      )
        continue;
      expect(ours[name], name).toBe(value);
    }
    expect(Object.keys(bundled.locales)).toEqual(['en']);
    expect(bundled.core.locales).toBe(bundled.locales);
    expect(bundled.locales.en).toBe(real.locales.en);
    expect(bundled.z).toBe(bundled.default);
    expect(Object.keys(bundled.z).sort()).toEqual(Object.keys(real.z).sort());
  });

  it('in a bundle built as the functions are: no other locale, and the same error messages', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'palaute-zod-'));
    const entry = path.join(dir, 'entry.ts');
    const schemas = path.resolve(import.meta.dirname, '../../shared/schemas/config');
    writeFileSync(
      entry,
      [
        `import { z } from 'zod';`,
        `import { rulesSchema } from ${JSON.stringify(schemas)};`,
        `console.log(JSON.stringify({ locales: Object.keys(z.locales), issues: rulesSchema.safeParse(${JSON.stringify(BAD_RULES)}).error?.issues }));`,
      ].join('\n'),
    );
    const outfile = path.join(dir, 'entry.cjs');
    const result = await build({
      ...LAMBDA_BUNDLING,
      entryPoints: [entry],
      outfile,
      metafile: true,
      logLevel: 'silent',
    });
    // What went into the bundle (metafile.inputs also lists what was read and then left out).
    const included = Object.values(result.metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([file]) => file),
    );
    const locales = included.filter((file) => file.includes('zod/v4/locales/'));
    expect(locales).toEqual(['node_modules/zod/v4/locales/en.js']);

    const run = spawnSync(process.execPath, [outfile], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const printed = JSON.parse(run.stdout) as { locales: string[]; issues: unknown[] };
    expect(printed.locales).toEqual(['en']);
    const expected = rulesSchema.safeParse(BAD_RULES).error?.issues;
    expect(expected?.length).toBeGreaterThan(3);
    expect(printed.issues).toEqual(JSON.parse(JSON.stringify(expected)));
  });
});
