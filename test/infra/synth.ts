import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildApp } from '../../infra/build';
import type { PalauteConfigInput } from '../../infra/config';
import type { PalauteStack } from '../../infra/stack';

/** A synthesised Palaute app: offline, real esbuild bundling unless `bundle: false`. */
export interface Synthesised {
  app: App;
  stack: PalauteStack;
  template: Template;
  /** The CloudFormation logical id of a construct's resource. */
  logicalId(construct: IConstruct): string;
  /** The folder with a bundled function's code in the cloud assembly. */
  assetDir(logicalId: string): string;
}

export function synth(options: { config?: PalauteConfigInput; bundle?: boolean } = {}): Synthesised {
  const context: Record<string, unknown> = {};
  if (options.config) context.palaute = options.config;
  // NodejsFunction bundles only the stacks listed here; none is the CDK's own switch for "skip".
  if (options.bundle === false) context['aws:cdk:bundling-stacks'] = [];
  const { app, stack } = buildApp(new App({ context }));
  // Synthesises the whole app, which also runs the cdk-nag plugin: an unacknowledged finding throws here.
  const template = Template.fromStack(stack);
  const assembly = app.synth();
  return {
    app,
    stack,
    template,
    logicalId: (construct) => stack.getLogicalId((construct.node.defaultChild ?? construct) as CfnElement),
    assetDir(logicalId) {
      const code = template.toJSON().Resources[logicalId].Properties.Code;
      const hash = String(code.S3Key).replace(/\.zip$/, '');
      const dir = path.join(assembly.directory, `asset.${hash}`);
      if (!existsSync(dir)) throw new Error(`no asset folder for ${logicalId}`);
      return dir;
    },
  };
}

/** Every IAM policy document attached to a role, as JSON text (for "mentions nothing of X" checks). */
export function policiesOfRole(template: Template, roleLogicalId: string): { Statement: Statement[] }[] {
  const policies = template.findResources('AWS::IAM::Policy');
  const documents = Object.values(policies)
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleLogicalId}"`))
    .map((policy) => policy.Properties.PolicyDocument);
  const role = template.toJSON().Resources[roleLogicalId];
  for (const inline of role?.Properties?.Policies ?? []) documents.push(inline.PolicyDocument);
  return documents;
}

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
  Sid?: string;
}

export const actionsOf = (statement: Statement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

export const readText = (file: string) => readFileSync(file, 'utf8');
