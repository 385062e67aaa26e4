import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics';
import type { Clock, Metrics } from '../../ports';

/** Shared by the Lambda entry points: structured logs and metrics that never carry event bodies. */
export const logger = new Logger({ serviceName: 'palaute' });
export const powertoolsMetrics = new PowertoolsMetrics({ namespace: 'Palaute', serviceName: 'palaute' });

export const metrics: Metrics = {
  count: (name, value = 1) => powertoolsMetrics.addMetric(name, MetricUnit.Count, value),
};

export const systemClock: Clock = { now: () => new Date() };
