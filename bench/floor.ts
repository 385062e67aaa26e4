/** Timings of one piece of work against its floor, measured in the same process and run. */
export interface FloorRatio {
  /** Best time of one pass of ours, ms. */
  ours: number;
  /** Best time of one pass of the floor, ms. */
  floor: number;
  /** ours / floor. */
  ratio: number;
}

export interface RatioOptions {
  /** Timings of each; the best counts. */
  rounds?: number;
  /** Passes of ours per timing. */
  oursPasses?: number;
  /**
   * Passes of the floor per timing: enough that one timing of the floor lasts about as long as one of
   * ours. On a busy machine a short timing more often runs undisturbed than a long one, which would
   * skew the ratio.
   */
  floorPasses?: number;
}

async function bestTime(work: () => unknown, passes: number, best: number): Promise<number> {
  const started = performance.now();
  for (let pass = 0; pass < passes; pass++) await work();
  return Math.min(best, (performance.now() - started) / passes);
}

/**
 * Times `ours` and `floor` in alternation and compares the best time of each: a shared machine slows
 * both alike when it is busy, and the best timing of each is the least disturbed one, so the ratio
 * holds where an absolute speed would not.
 */
export async function ratioToFloor(
  ours: () => unknown,
  floor: () => unknown,
  { rounds = 7, oursPasses = 1, floorPasses = 1 }: RatioOptions = {},
): Promise<FloorRatio> {
  await ours();
  await floor();
  let bestOurs = Number.POSITIVE_INFINITY;
  let bestFloor = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    bestFloor = await bestTime(floor, floorPasses, bestFloor);
    bestOurs = await bestTime(ours, oursPasses, bestOurs);
  }
  return { ours: bestOurs, floor: bestFloor, ratio: bestOurs / bestFloor };
}

/** One line for the bench output: what was measured, both times per pass and the ratio against its target. */
export function describeRatio(name: string, measured: FloorRatio, target: number): string {
  return `${name}: ours ${measured.ours.toFixed(3)} ms, floor ${measured.floor.toFixed(3)} ms, ratio ${measured.ratio.toFixed(2)} (target <= ${target})`;
}
