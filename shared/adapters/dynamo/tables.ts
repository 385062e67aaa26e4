import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export interface TableNames {
  config: string;
  visits: string;
  surveys: string;
  aggregates: string;
}

export const LOCAL_TABLE_NAMES: TableNames = {
  config: 'palaute-config',
  visits: 'palaute-visits',
  surveys: 'palaute-surveys',
  aggregates: 'palaute-aggregates',
};

export const GSI_BY_ORGANIZATION = 'byOrganization';
export const GSI_BY_UNIT_DATE = 'byUnitDate';
export const TTL_ATTRIBUTE = 'ttl';

/** Attributes the `byUnitDate` index carries: nothing personal, so the nightly job never sees a phone. */
export const UNIT_DATE_PROJECTION = [
  'outcome',
  'state',
  'unitId',
  'organizationId',
  'visitDate',
  'contactType',
  'serviceCode',
  'language',
  'endReason',
] as const;

export const keys = {
  organization: (organizationId: string) => ({ pk: `ORG#${organizationId}`, sk: 'ORG' }),
  unit: (unitId: string) => ({ pk: `UNIT#${unitId}`, sk: 'UNIT' }),
  unitsOfOrganization: (organizationId: string) => `ORG#${organizationId}`,
  optOut: (organizationId: string, phoneHmac: string) => ({
    pk: `OPTOUT#${organizationId}#${phoneHmac}`,
    sk: 'OPTOUT',
  }),
  visit: (organizationId: string, appointmentId: string) => `VISIT#${organizationId}#${appointmentId}`,
  person: (organizationId: string, personHmac: string) => ({
    pk: `PERSON#${organizationId}#${personHmac}`,
    sk: 'RECONTACT',
  }),
  quota: (unitId: string, visitDate: string) => ({ pk: `QUOTA#${unitId}#${visitDate}`, sk: 'QUOTA' }),
  unitDate: (unitId: string, visitDate: string) => `${unitId}#${visitDate}`,
  /**
   * `byUnitDate` partition of an organization's `UNKNOWN_UNIT` decisions of a visit date: there is no
   * unit to file them under. Equals `unitDate(unknownUnitsOf(organizationId), visitDate)` (see
   * shared/domain/aggregate.ts), which is how the nightly job reads it; no unit id contains `#`.
   */
  unknownUnitDate: (organizationId: string, visitDate: string) =>
    `ORG#${organizationId}#UNKNOWN#${visitDate}`,
  survey: (tokenHash: string) => ({ pk: `SURVEY#${tokenHash}`, sk: 'SURVEY' }),
  answers: (unitId: string, visitDate: string) => `ANSWERS#${unitId}#${visitDate}`,
};

const stringKeys = (...names: string[]) =>
  names.map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const }));
const primaryKey = [
  { AttributeName: 'pk', KeyType: 'HASH' as const },
  { AttributeName: 'sk', KeyType: 'RANGE' as const },
];
const gsiKey = [
  { AttributeName: 'gsi1pk', KeyType: 'HASH' as const },
  { AttributeName: 'gsi1sk', KeyType: 'RANGE' as const },
];

/** Table definitions for local mode and tests; infra/ declares the same keys and indexes for the cloud. */
export function tableDefinitions(names: TableNames): CreateTableCommandInput[] {
  return [
    {
      TableName: names.config,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: stringKeys('pk', 'sk', 'gsi1pk', 'gsi1sk'),
      KeySchema: primaryKey,
      GlobalSecondaryIndexes: [
        { IndexName: GSI_BY_ORGANIZATION, KeySchema: gsiKey, Projection: { ProjectionType: 'ALL' } },
      ],
    },
    {
      TableName: names.visits,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: stringKeys('pk', 'sk', 'gsi1pk', 'gsi1sk'),
      KeySchema: primaryKey,
      GlobalSecondaryIndexes: [
        {
          IndexName: GSI_BY_UNIT_DATE,
          KeySchema: gsiKey,
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...UNIT_DATE_PROJECTION] },
        },
      ],
    },
    {
      TableName: names.surveys,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: stringKeys('pk', 'sk'),
      KeySchema: primaryKey,
    },
    {
      TableName: names.aggregates,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: stringKeys('pk', 'sk'),
      KeySchema: primaryKey,
    },
  ];
}

export const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
export { DAY_MS } from '../../domain/sendTime';

/** An item without its key, index and TTL attributes: the record the store was given. */
export function recordOf<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const { pk, sk, gsi1pk, gsi1sk, [TTL_ATTRIBUTE]: ttl, ...record } = item;
  return record as T;
}
