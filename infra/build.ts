import { Annotations, App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadConfig } from './config';
import { PalauteStack } from './stack';

/** Builds the Palaute app: one stack per configured environment, checked by cdk-nag at synth. */
export function buildApp(app = new App()): { app: App; stack: PalauteStack } {
  const { config, origin } = loadConfig((key) => app.node.tryGetContext(key));
  const stack = new PalauteStack(app, `Palaute-${config.environmentName}`, {
    description: `Palaute SMS surveys (${config.environmentName})`,
    // No account means "the account of the credentials at deploy time": synth needs no AWS access.
    env: { account: config.account, region: config.region },
    config,
    tags: { project: 'palaute', environment: config.environmentName },
  });
  if (origin === 'example') {
    Annotations.of(stack).addWarningV2(
      'palaute:example-config',
      'No configuration given (-c config=FILE): using the example configuration. Do not deploy it.',
    );
  }
  // Synth fails on any cdk-nag finding not acknowledged in code (see infra/nag.ts).
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}
