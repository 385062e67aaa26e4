// The CDK app (cdk.json: `npx tsx infra/app.ts`). Tests build the same app through build.ts.
import { buildApp } from './build';

buildApp().app.synth();
