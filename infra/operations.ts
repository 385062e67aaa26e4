import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { PalauteFunction } from './function';

/** The metrics the send function emits with Powertools (namespace `Palaute`, default dimension `service`). */
export const SMS_METRICS = {
  namespace: 'Palaute',
  sent: 'SmsSent',
  failed: 'SmsFailed',
  deliveryUnknown: 'SmsDeliveryUnknown',
  unknownOrganization: 'UnknownOrganization',
  service: 'palaute',
};
/** Refused SMS per hour that page someone: a few bad numbers are normal, a stream of them is not. */
export const SMS_FAILED_PER_HOUR_THRESHOLD = 10;
/** The spend alarm fires at this share of the monthly limit, before SNS starts refusing messages. */
export const SMS_SPEND_ALARM_SHARE = 0.8;

export interface OperationsProps {
  readonly environmentName: string;
  readonly alarmEmail: string;
  readonly functions: readonly PalauteFunction[];
  /** Every dead-letter queue of the stack, by a name that says what lands there. */
  readonly deadLetterQueues: Record<string, sqs.IQueue>;
  readonly sendSchedules: scheduler.IScheduleGroup;
  readonly smsMonthlySpendLimitUsd: number;
  readonly api: apigw.RestApi;
}

/**
 * Alarms to one e-mail topic, and a dashboard. docs/deploy.md says what to do for each alarm; alarm
 * names are the section titles there.
 */
export class Operations extends Construct {
  readonly alarmTopic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;
  private readonly prefix: string;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.prefix = `palaute-${props.environmentName}`;

    // Its own key: CloudWatch must be able to use it to publish, and it has no business with the data key.
    const topicKey = new kms.Key(this, 'AlarmTopicKey', {
      alias: `alias/${this.prefix}-alarms`,
      description: 'Palaute alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `Palaute ${props.environmentName} alarms`,
      masterKey: topicKey,
      enforceSSL: true,
    });
    this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.alarm(`${name}DeadLetters`, {
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        threshold: 1,
        description: `Messages in the ${name} dead-letter queue.`,
      });
    }
    for (const fn of props.functions) {
      const name = fn.node.id;
      this.alarm(`${name}Errors`, {
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        description: `The ${name} function failed (an unhandled error or a timeout).`,
      });
      this.alarm(`${name}Throttles`, {
        metric: fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        description: `The ${name} function was throttled (account concurrency exhausted).`,
      });
    }

    const smsSpend = new cloudwatch.Metric({
      namespace: 'AWS/SNS',
      metricName: 'SMSMonthToDateSpentUSD',
      statistic: 'Maximum',
      period: Duration.hours(1),
    });
    this.alarm('SmsSpend', {
      metric: smsSpend,
      threshold: Math.round(props.smsMonthlySpendLimitUsd * SMS_SPEND_ALARM_SHARE * 100) / 100,
      description: `SMS spend this month passed ${SMS_SPEND_ALARM_SHARE * 100} % of the ${props.smsMonthlySpendLimitUsd} USD limit.`,
    });
    const smsMetric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: SMS_METRICS.namespace,
        metricName,
        dimensionsMap: { service: SMS_METRICS.service },
        statistic: 'Sum',
        period: Duration.hours(1),
      });
    this.alarm('SmsFailed', {
      metric: smsMetric(SMS_METRICS.failed),
      threshold: SMS_FAILED_PER_HOUR_THRESHOLD,
      description: `SNS refused at least ${SMS_FAILED_PER_HOUR_THRESHOLD} SMS in an hour.`,
    });
    // A send that died after its claim: the client may or may not have the SMS; worth a look each time.
    this.alarm('SmsDeliveryUnknown', {
      metric: smsMetric(SMS_METRICS.deliveryUnknown),
      threshold: 1,
      description: 'A send attempt ended without knowing whether the SMS went out (state UNKNOWN).',
    });
    // Visits naming an organization that is not configured: an integrator's mistake, nothing is surveyed.
    this.alarm('UnknownOrganization', {
      metric: smsMetric(SMS_METRICS.unknownOrganization),
      threshold: 1,
      description: 'Visit events named an organization that is not configured (see the platform report).',
    });
    this.alarm('SendSchedulesDropped', {
      metric: props.sendSchedules.metricDropped({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      description: 'EventBridge Scheduler gave up delivering a send schedule to the send queue.',
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: this.prefix,
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'SMS per hour',
            left: [
              smsMetric(SMS_METRICS.sent),
              smsMetric(SMS_METRICS.failed),
              smsMetric(SMS_METRICS.deliveryUnknown),
            ],
            width: 8,
          }),
          new cloudwatch.GraphWidget({ title: 'SMS spend this month (USD)', left: [smsSpend], width: 8 }),
          new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 8 }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Invocations',
            left: props.functions.map((fn) => fn.metricInvocations({ label: fn.node.id })),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Errors',
            left: props.functions.map((fn) => fn.metricErrors({ label: fn.node.id })),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Duration p95',
            left: props.functions.map((fn) => fn.metricDuration({ label: fn.node.id, statistic: 'p95' })),
            width: 8,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Dead letters',
            left: Object.entries(props.deadLetterQueues).map(([name, queue]) =>
              queue.metricApproximateNumberOfMessagesVisible({ label: name, statistic: 'Maximum' }),
            ),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'API requests and errors',
            left: [props.api.metricCount({ statistic: 'Sum' })],
            right: [
              props.api.metricClientError({ statistic: 'Sum' }),
              props.api.metricServerError({ statistic: 'Sum' }),
            ],
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Send schedules',
            left: [
              props.sendSchedules.metricAttempts({ statistic: 'Sum' }),
              props.sendSchedules.metricTargetErrors({ statistic: 'Sum' }),
              props.sendSchedules.metricDropped({ statistic: 'Sum' }),
            ],
            width: 8,
          }),
        ],
      ],
    });
  }

  private alarm(
    name: string,
    props: { metric: cloudwatch.IMetric; threshold: number; description: string },
  ): void {
    const alarm = new cloudwatch.Alarm(this, name, {
      alarmName: `${this.prefix}-${name}`,
      alarmDescription: `${props.description} See docs/deploy.md, "Alarms".`,
      metric: props.metric,
      threshold: props.threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No data means nothing happened: no messages, no invocations, no SMS.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.alarmTopic));
    alarm.addOkAction(new actions.SnsAction(this.alarmTopic));
    this.alarms.push(alarm);
  }
}
