import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import {
  GSI_BY_ORGANIZATION,
  GSI_BY_UNIT_DATE,
  TTL_ATTRIBUTE,
  UNIT_DATE_PROJECTION,
} from '../shared/adapters/dynamo/tables';
import { acknowledge } from './nag';

export interface StorageProps {
  readonly environmentName: string;
}

/**
 * The four tables of docs/data-model.md, the customer-managed key that encrypts them, and the HMAC key
 * that pseudonymises phone numbers and personRefs. Everything here holds data that must survive a
 * mistaken `cdk destroy`: deletion protection on, RETAIN on removal.
 */
export class Storage extends Construct {
  readonly key: kms.Key;
  readonly config: dynamodb.Table;
  /** The only table that ever holds a phone number. */
  readonly visits: dynamodb.Table;
  readonly surveys: dynamodb.Table;
  readonly aggregates: dynamodb.Table;
  readonly hmacSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, { environmentName }: StorageProps) {
    super(scope, id);

    this.key = new kms.Key(this, 'DataKey', {
      alias: `alias/palaute-${environmentName}-data`,
      description: 'Palaute tables and HMAC key',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.config = this.table('Config');
    this.config.addGlobalSecondaryIndex({
      indexName: GSI_BY_ORGANIZATION,
      partitionKey: { name: 'gsi1pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });

    this.visits = this.table('Visits');
    this.visits.addGlobalSecondaryIndex({
      indexName: GSI_BY_UNIT_DATE,
      partitionKey: { name: 'gsi1pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: dynamodb.AttributeType.STRING },
      // Non-personal attributes only: the nightly job reads the funnel here and never sees a phone.
      projectionType: dynamodb.ProjectionType.INCLUDE,
      nonKeyAttributes: [...UNIT_DATE_PROJECTION],
    });

    this.surveys = this.table('Surveys');
    this.aggregates = this.table('Aggregates');

    this.hmacSecret = new secretsmanager.Secret(this, 'HmacKey', {
      description: 'Palaute HMAC key for phone numbers, personRefs and sampling',
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    });
    acknowledge(
      this.hmacSecret,
      'The HMAC key is compared against stored values (opt-out lists, recontact marks, sampling): rotating it ' +
        'would silently forget every opt-out. It is never handed out; rotation is a planned migration, not a schedule.',
      'AwsSolutions-SMG4',
    );
  }

  get tables(): dynamodb.Table[] {
    return [this.config, this.visits, this.surveys, this.aggregates];
  }

  private table(id: string): dynamodb.Table {
    return new dynamodb.Table(this, id, {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
