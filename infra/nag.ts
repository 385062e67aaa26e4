import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag findings on a construct and everything under it, with the reason that stays
 * in the code. cdk-nag 3 matches exact ids: a rule (`AwsSolutions-APIG2`) or one finding of it
 * (`AwsSolutions-IAM5[Resource::*]`), so every acknowledged wildcard is named.
 */
export function acknowledge(scope: IConstruct, reason: string, ...ruleIds: string[]): void {
  Validations.of(scope).acknowledge(...ruleIds.map((id) => ({ id, reason })));
}
