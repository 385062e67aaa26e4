import { Aws, type CfnElement, CfnOutput, Duration, Stack, type StackProps, TimeZone } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import type { Construct } from 'constructs';
import { GSI_BY_UNIT_DATE } from '../shared/adapters/dynamo/tables';
import { VISIT_EVENT_PATTERN } from '../shared/schemas/events';
import { type PalauteConfig, sendMaxConcurrency } from './config';
import { type FunctionName, PalauteFunction, type PalauteFunctionProps } from './function';
import { PeopleSignIn } from './identity';
import { acknowledge } from './nag';
import { Operations } from './operations';
import { standaloneDeadLetterQueue, WorkQueue } from './queues';
import { Storage } from './storage';
import { Web } from './web';

export interface PalauteStackProps extends StackProps {
  readonly config: PalauteConfig;
}

/** The visit event pattern in the shape of the CDK's `EventPattern` (same JSON once synthesised). */
export const visitEventPattern = toEventPattern(VISIT_EVENT_PATTERN);

/** EventBridge's JSON pattern (`detail-type`, …) as the CDK's `EventPattern` (`detailType`, …). */
function toEventPattern(pattern: Record<string, unknown>): events.EventPattern {
  const copy: Record<string, unknown> = JSON.parse(JSON.stringify(pattern));
  return Object.fromEntries(
    Object.entries(copy).map(([key, value]) => [
      key.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()),
      value,
    ]),
  );
}

const INGEST_TIMEOUT = Duration.seconds(30);
const SEND_TIMEOUT = Duration.seconds(30);

/**
 * The whole of Palaute in one stack: appointment events in through the bus, one schedule per sampled
 * visit, SMS out at a capped rate, the survey site and API behind WAF, the nightly aggregation, and
 * alarms. The README has the flow and docs/deploy.md for how to run it.
 */
export class PalauteStack extends Stack {
  readonly storage: Storage;
  readonly functions: Record<FunctionName, PalauteFunction>;
  readonly web: Web;
  readonly people: PeopleSignIn;

  constructor(scope: Construct, id: string, props: PalauteStackProps) {
    super(scope, id, props);
    const { config } = props;
    const environmentName = config.environmentName;
    const prefix = `palaute-${environmentName}`;
    const logRetention = config.logRetentionDays as logs.RetentionDays;

    const storage = new Storage(this, 'Storage', { environmentName });
    const { config: configTable, visits, surveys, aggregates, hmacSecret } = storage;
    this.storage = storage;

    const fn = (name: FunctionName, extra: Partial<PalauteFunctionProps> = {}) =>
      new PalauteFunction(this, name[0]?.toUpperCase() + name.slice(1), {
        name,
        environmentName,
        logRetention,
        ...extra,
      });

    // --- Visit events: bus → rule → queue → ingest.
    const bus = new events.EventBus(this, 'Bus', { eventBusName: prefix });
    // events.Archive, not bus.archive(): the latter drops kmsKey.
    new events.Archive(this, 'VisitArchive', {
      sourceEventBus: bus,
      description: 'Visit events for replay after an ingest fault; they hold phone numbers, so kept briefly.',
      eventPattern: visitEventPattern,
      retention: Duration.days(config.eventArchiveRetentionDays),
      kmsKey: storage.key,
    });
    for (const accountId of config.producerAccountIds) {
      bus.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: `PutEventsFrom${accountId}`,
          principals: [new iam.AccountPrincipal(accountId)],
          actions: ['events:PutEvents'],
          resources: [bus.eventBusArn],
        }),
      );
    }

    // One dead-letter queue for every visit event not processed: failed five times, invalid (ingest
    // puts it there with the reason), or undeliverable to the queue. Redrive sends all back alike.
    const ingestQueue = new WorkQueue(this, 'IngestQueue', {
      visibilityTimeout: Duration.seconds(INGEST_TIMEOUT.toSeconds() * 6),
      maxReceiveCount: 5,
    });
    new events.Rule(this, 'VisitEvents', {
      eventBus: bus,
      // No schemaVersion filter (see VISIT_EVENT_PATTERN): ingest dead-letters other versions with a reason.
      description: 'Appointment Completed / Cancelled to ingest',
      eventPattern: visitEventPattern,
      targets: [
        new eventTargets.SqsQueue(ingestQueue.queue, {
          deadLetterQueue: ingestQueue.deadLetters,
          retryAttempts: 185,
          maxEventAge: Duration.hours(24),
        }),
      ],
    });

    const ingest = fn('ingest', {
      description: 'Decides per visit and schedules the SMS',
      timeout: INGEST_TIMEOUT,
    })
      .useTable(configTable, 'CONFIG_TABLE', 'read')
      .useTable(visits, 'VISITS_TABLE', 'readWrite')
      .useSecret(hmacSecret, 'HMAC_SECRET_ARN')
      .sendsTo(ingestQueue.deadLetters, 'INGEST_DLQ_URL');
    ingest.addEventSource(
      new SqsEventSource(ingestQueue.queue, {
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(5),
        reportBatchItemFailures: true,
        // Bounds CreateSchedule calls to Scheduler's API rate; visits are hours from sending anyway.
        maxConcurrency: 5,
      }),
    );

    // --- Sending: ingest creates one-time schedules that put the visit key and its phoneHmac on the
    // send queue.
    // Five receives span 15 minutes, well past the send function's SENDING lease (5 min by default): a
    // send that died mid-way is concluded by a later receive before the message goes to the DLQ.
    const sendQueue = new WorkQueue(this, 'SendQueue', {
      visibilityTimeout: Duration.seconds(SEND_TIMEOUT.toSeconds() * 6),
      maxReceiveCount: 5,
    });
    const sendSchedules = new scheduler.ScheduleGroup(this, 'SendSchedules', {
      scheduleGroupName: `${prefix}-sends`,
    });
    const schedulerRole = new iam.Role(this, 'SendSchedulerRole', {
      description: 'Assumed by EventBridge Scheduler to put due sends on the send queue',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': sendSchedules.scheduleGroupArn },
        },
      }),
    });
    sendQueue.queue.grant(schedulerRole, 'sqs:SendMessage');
    /** Lets a function create (and, for ingest, delete) send schedules that fire as the scheduler role. */
    const schedulesSends = (target: PalauteFunction, actions: string[]) => {
      target.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'ManageSendSchedules',
          actions,
          resources: [
            `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule/${sendSchedules.scheduleGroupName}/*`,
          ],
        }),
      );
      acknowledge(
        target.executionRole,
        'Schedule names are made per visit at run time, so the resource is every schedule of the one send ' +
          `schedule group; the actions are only ${actions.join(' and ')}.`,
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${sendSchedules.scheduleGroupName}/*]`,
      );
      target.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'PassSendSchedulerRole',
          actions: ['iam:PassRole'],
          resources: [schedulerRole.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
        }),
      );
      target
        .setEnv('SCHEDULE_GROUP_NAME', sendSchedules.scheduleGroupName)
        .setEnv('SEND_QUEUE_ARN', sendQueue.queue.queueArn)
        .setEnv('SCHEDULER_ROLE_ARN', schedulerRole.roleArn);
    };
    // Ingest schedules a send and deletes it when the appointment is cancelled.
    schedulesSends(ingest, ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule']);

    const send = fn('send', { description: 'Sends one survey SMS, at most once', timeout: SEND_TIMEOUT })
      .useTable(configTable, 'CONFIG_TABLE', 'read')
      .useTable(visits, 'VISITS_TABLE', 'readWrite')
      .useTable(surveys, 'SURVEYS_TABLE', 'readWrite')
      .setEnv('SMS_TYPE', config.smsType)
      .setEnv('SMS_PER_SECOND', String(config.smsPerSecond));
    // Send moves a survey that fell outside the send window to the next window start.
    schedulesSends(send, ['scheduler:CreateSchedule']);
    send.addEventSource(
      new SqsEventSource(sendQueue.queue, {
        // One message per invocation, each lasting at least SMS_PER_SECOND's share (see sendRate.ts):
        // with this concurrency, sending never exceeds smsPerSecond whatever a send costs.
        batchSize: 1,
        reportBatchItemFailures: true,
        maxConcurrency: sendMaxConcurrency(config.smsPerSecond),
      }),
    );
    // SMS to phone numbers has no resource ARN, so Allow must name "*"; the Deny takes every topic
    // and platform endpoint (they all have ARNs) back out.
    send.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'PublishSmsToPhoneNumbers',
        actions: ['sns:Publish'],
        resources: ['*'],
      }),
    );
    send.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'NoTopicOrEndpointPublish',
        effect: iam.Effect.DENY,
        actions: ['sns:Publish'],
        resources: [`arn:${Aws.PARTITION}:sns:*:*:*`],
      }),
    );
    acknowledge(
      send.executionRole,
      'SMS to a phone number has no resource ARN, so sns:Publish must allow "*"; an explicit Deny in the same ' +
        'policy removes every topic and platform endpoint ARN, leaving phone numbers only.',
      'AwsSolutions-IAM5[Resource::*]',
    );

    // --- The survey site (pages) and the admin / reporting API with the console (http): two functions,
    // so that the pages' cold start does not load the API and the console.
    const pages = fn('pages', { description: 'Survey and open-link pages', memorySize: 1024 })
      .useTable(configTable, 'CONFIG_TABLE', 'readWrite')
      .useTable(surveys, 'SURVEYS_TABLE', 'readWrite');
    const http = fn('http', {
      description: 'Admin and reporting API, report pages, console',
      memorySize: 1024,
    })
      .useTable(configTable, 'CONFIG_TABLE', 'readWrite')
      .useTable(surveys, 'SURVEYS_TABLE', 'readWrite')
      .useTable(aggregates, 'AGGREGATES_TABLE', 'read');
    const web = new Web(this, 'Web', {
      environmentName,
      pagesHandler: pages,
      handler: http,
      apiClients: config.apiClients,
      logRetention,
      surveyRequestsPerIpPer5Minutes: config.surveyRequestsPerIpPer5Minutes,
      domainName: config.domainName,
      certificateArn: config.certificateArn,
      authDomainPrefix: config.authDomainPrefix ?? `${prefix}-${Aws.ACCOUNT_ID}`,
    });
    this.web = web;
    const publicBaseUrl = config.publicBaseUrl ?? web.url;
    http.setEnv('API_CLIENTS', web.apiClientsJson).setEnv('PUBLIC_BASE_URL', publicBaseUrl);
    pages.setEnv('PUBLIC_BASE_URL', publicBaseUrl);
    if (config.accessibilityFeedbackEmail) {
      pages.setEnv('ACCESSIBILITY_FEEDBACK_EMAIL', config.accessibilityFeedbackEmail);
    }
    send.setEnv('PUBLIC_BASE_URL', publicBaseUrl);

    // --- Sign-in of the people's console.
    const people = new PeopleSignIn(this, 'People', {
      environmentName,
      config: config.console,
      publicBaseUrl,
      signInDomainPrefix: config.console.signInDomainPrefix ?? `${prefix}-people-${Aws.ACCOUNT_ID}`,
      key: storage.key,
    });
    people.wire(http, config.console);
    this.people = people;

    // --- Nightly aggregation at 02:00 Helsinki time, daylight saving included.
    const nightlyDeadLetters = standaloneDeadLetterQueue(
      this,
      'NightlyDeadLetters',
      'nightly schedule and the aggregate function on-failure destination',
    );
    const aggregate = fn('aggregate', {
      description: 'Nightly funnel, NPS and statement figures per unit and date',
      memorySize: 1024,
      timeout: Duration.minutes(15),
      // Scheduler invokes asynchronously: Lambda's own retries, then the failed event to the DLQ.
      retryAttempts: 2,
      onFailure: new destinations.SqsDestination(nightlyDeadLetters),
    })
      .useTableIndex(visits, GSI_BY_UNIT_DATE, 'VISITS_TABLE')
      .useTable(surveys, 'SURVEYS_TABLE', 'read')
      .useTable(aggregates, 'AGGREGATES_TABLE', 'readWrite')
      .useTable(configTable, 'CONFIG_TABLE', 'read')
      .useTouchedRecord(visits, surveys)
      .publishesTo(bus, 'EVENT_BUS_NAME');
    const nightlyRole = new iam.Role(this, 'NightlySchedulerRole', {
      description: 'Assumed by EventBridge Scheduler to invoke the aggregate function',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    });
    acknowledge(
      nightlyRole,
      'The CDK Lambda invoke grant names the function and its versions (`<function>:*`); only this one function.',
      `AwsSolutions-IAM5[Resource::<${this.getLogicalId(aggregate.node.defaultChild as CfnElement)}.Arn>:*]`,
    );
    new scheduler.Schedule(this, 'NightlyAggregation', {
      description: 'Runs the aggregate function every night at 02:00 Europe/Helsinki',
      schedule: scheduler.ScheduleExpression.cron({
        minute: '0',
        hour: '2',
        timeZone: TimeZone.EUROPE_HELSINKI,
      }),
      target: new schedulerTargets.LambdaInvoke(aggregate, {
        role: nightlyRole,
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: nightlyDeadLetters,
      }),
    });

    this.functions = { ingest, send, pages, http, aggregate };

    new Operations(this, 'Operations', {
      environmentName,
      alarmEmail: config.alarmEmail,
      functions: Object.values(this.functions),
      deadLetterQueues: {
        Ingest: ingestQueue.deadLetters,
        Send: sendQueue.deadLetters,
        Nightly: nightlyDeadLetters,
      },
      sendSchedules,
      smsMonthlySpendLimitUsd: config.smsMonthlySpendLimitUsd,
      api: web.api,
    });

    new CfnOutput(this, 'EventBusArn', {
      value: bus.eventBusArn,
      description: 'Appointment systems put events here',
    });
    new CfnOutput(this, 'PublicBaseUrl', { value: publicBaseUrl, description: 'Base of survey links' });
    new CfnOutput(this, 'ApiUrl', { value: web.url, description: 'Survey site and API' });
    new CfnOutput(this, 'TokenUrl', {
      value: web.tokenUrl,
      description: 'OAuth 2.0 token endpoint (client credentials)',
    });
    new CfnOutput(this, 'UserPoolId', { value: web.userPool.userPoolId });
    new CfnOutput(this, 'PeopleUserPoolId', {
      value: people.userPool.userPoolId,
      description: 'People of the console: create users and put them in groups here (docs/console.md)',
    });
    new CfnOutput(this, 'SignInUrl', {
      value: people.signInUrl,
      description: 'Hosted sign-in UI of the console',
    });
    for (const { config: client, client: appClient } of web.clients) {
      new CfnOutput(this, `ApiClient-${client.name}`, {
        value: appClient.userPoolClientId,
        description: `App client ${client.name}; its secret: aws cognito-idp describe-user-pool-client`,
      });
    }
    if (config.domainName !== undefined && web.api.domainName !== undefined) {
      new CfnOutput(this, 'CustomDomainTarget', {
        value: web.api.domainName.domainNameAliasDomainName,
        description: `CNAME / alias target for ${config.domainName}`,
      });
    }
  }
}
