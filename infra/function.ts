import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from './nag';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * How a function's bundle is built (esbuild options; the bench builds the same way). Minified, with
 * source maps but not the sources; CommonJS, so bundled CJS dependencies (the AWS SDK among them)
 * need no require() shim. The SDK is bundled: the code is tested against the locked SDK version,
 * not whatever the runtime carries. Aliases are absolute paths: esbuild runs locally (a dev dependency).
 */
export const LAMBDA_BUNDLING = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node24',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  // zod without its unused message locales (see infra/bundle/zod/index.ts).
  alias: { zod: path.join(REPO_ROOT, 'infra', 'bundle', 'zod', 'index.ts') },
} as const;

/** The runtime every Palaute function runs on (cdk-nag AwsSolutions-L1 wants the newest Node.js). */
export const PALAUTE_RUNTIME = lambda.Runtime.NODEJS_24_X;

export type FunctionName = 'ingest' | 'send' | 'pages' | 'http' | 'aggregate';
export type TableAccess = 'read' | 'readWrite';

export interface PalauteFunctionProps
  extends Pick<
    lambda.FunctionOptions,
    'description' | 'memorySize' | 'timeout' | 'onFailure' | 'retryAttempts'
  > {
  /** The folder under functions/ whose handler.ts exports `handler`. */
  readonly name: FunctionName;
  readonly environmentName: string;
  readonly logRetention: logs.RetentionDays;
  readonly environment?: Record<string, string>;
}

/**
 * The house Lambda function: a minified esbuild bundle with source maps on arm64, its own log group
 * with a retention, its own role that starts empty, and an environment that is only ever added to.
 * The `use…` helpers grant access AND name the resource in an env variable in one call, so the
 * permissions and the configuration of a function cannot drift apart.
 */
export class PalauteFunction extends nodejs.NodejsFunction {
  private readonly environmentVariables = new Map<string, string>();
  /** Its role: cdk-nag findings on the role's policy are acknowledged here. */
  readonly executionRole: iam.Role;

  constructor(scope: Construct, id: string, props: PalauteFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      // Logs outlive a stack deletion until their retention ends: they are the audit trail.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // An own role instead of AWSLambdaBasicExecutionRole: writing to this one log group only.
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Palaute ${props.name} function (${props.environmentName})`,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      entry: path.join(REPO_ROOT, 'functions', props.name, 'handler.ts'),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: PALAUTE_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      onFailure: props.onFailure,
      retryAttempts: props.retryAttempts,
      role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      // As LAMBDA_BUNDLING says (the bench builds its bundles from that).
      bundling: {
        minify: LAMBDA_BUNDLING.minify,
        sourceMap: LAMBDA_BUNDLING.sourcemap,
        sourcesContent: LAMBDA_BUNDLING.sourcesContent,
        target: LAMBDA_BUNDLING.target,
        format: nodejs.OutputFormat.CJS,
        esbuildArgs: {
          '--alias': Object.entries(LAMBDA_BUNDLING.alias).map(([name, file]) => `${name}=${file}`),
        },
        bundleAwsSDK: true,
        forceDockerBundling: false,
      },
    });
    this.executionRole = role;

    this.setEnv('NODE_OPTIONS', '--enable-source-maps');
    this.setEnv('PALAUTE_ENVIRONMENT', props.environmentName);
    this.setEnv('POWERTOOLS_SERVICE_NAME', 'palaute');
    this.setEnv('POWERTOOLS_METRICS_NAMESPACE', 'Palaute');
    this.setEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    for (const [name, value] of Object.entries(props.environment ?? {})) this.setEnv(name, value);
  }

  /** Adds one environment variable; redefining one with another value is a wiring mistake and throws. */
  setEnv(name: string, value: string): this {
    if (!/^[A-Z][A-Z0-9_]*$/.test(name))
      throw new Error(`${this.node.path}: bad environment variable name ${name}`);
    const existing = this.environmentVariables.get(name);
    if (existing !== undefined && existing !== value) {
      throw new Error(`${this.node.path}: environment variable ${name} is already set to another value`);
    }
    this.environmentVariables.set(name, value);
    this.addEnvironment(name, value);
    return this;
  }

  /** Read or read-write access to a table (and its indexes), its name in `envName`. */
  useTable(table: dynamodb.Table, envName: string, access: TableAccess): this {
    if (access === 'read') table.grantReadData(this);
    else table.grantReadWriteData(this);
    const cfnTable = table.node.defaultChild as dynamodb.CfnTable;
    if (Stack.of(table).resolve(cfnTable.globalSecondaryIndexes) !== undefined) {
      acknowledge(
        this.executionRole,
        'The CDK table grant covers the table and its indexes (`<table>/index/*`): queries on the GSIs ' +
          '(byOrganization, byUnitDate) need them, and each table has only the indexes of docs/data-model.md.',
        `AwsSolutions-IAM5[Resource::<${Stack.of(table).getLogicalId(cfnTable)}.Arn>/index/*]`,
      );
    }
    if (access === 'readWrite') {
      acknowledge(
        this.executionRole,
        'Writing to a table encrypted with the data key: DynamoDB calls GenerateDataKey* / ReEncrypt* on the ' +
          "caller's behalf; the grant names this one key, and the key is for Palaute data only.",
        'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
      );
    }
    return this.setEnv(envName, table.tableName);
  }

  /** Query on one index only, never the base table: the index may leave out what the table holds. */
  useTableIndex(table: dynamodb.ITable, indexName: string, envName: string): this {
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${table.tableArn}/index/${indexName}`],
      }),
    );
    table.encryptionKey?.grantDecrypt(this);
    return this.setEnv(envName, table.tableName);
  }

  /**
   * Reads, forgets and marks the touched record (docs/data-model.md) in these tables: only the items
   * whose partition key starts with `TOUCHED#`, so a function that may not read a table's records
   * still may not.
   */
  useTouchedRecord(...tables: dynamodb.ITable[]): this {
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query', 'dynamodb:DeleteItem', 'dynamodb:PutItem'],
        resources: tables.map((table) => table.tableArn),
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['TOUCHED#*'] } },
      }),
    );
    for (const table of tables) table.encryptionKey?.grantEncryptDecrypt(this);
    return this;
  }

  /** Reads a secret's value; its ARN in `envName`. */
  useSecret(secret: secretsmanager.ISecret, envName: string): this {
    secret.grantRead(this);
    return this.setEnv(envName, secret.secretArn);
  }

  /** Sends messages to a queue (sqs:SendMessage only); its URL in `envName`. */
  sendsTo(queue: sqs.IQueue, envName: string): this {
    queue.grant(this, 'sqs:SendMessage');
    queue.encryptionMasterKey?.grantEncryptDecrypt(this);
    return this.setEnv(envName, queue.queueUrl);
  }

  /** Puts events on a bus; its name in `envName`. */
  publishesTo(bus: events.IEventBus, envName: string): this {
    bus.grantPutEventsTo(this);
    return this.setEnv(envName, bus.eventBusName);
  }
}
