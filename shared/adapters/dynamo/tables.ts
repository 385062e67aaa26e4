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

/**
 * One id as a key part: `%` becomes `%25` and `#` becomes `%23`, so a part never contains the `#`
 * that separates parts and every composite key names exactly one tuple of ids. Ids without those two
 * characters are their own encoding (keys written before the encoding stay valid).
 */
export const keyPart = (id: string) => id.replaceAll('%', '%25').replaceAll('#', '%23');

/** The `byUnitDate` partition of the visits of unknown organizations (a platform figure). */
export const UNKNOWN_ORGANIZATION_PARTITION = 'PLATFORM#UNKNOWN_ORG';

/**
 * Every key built from ids. Ids from events may hold any character, so each id part goes through
 * {@link keyPart}; dates ('YYYY-MM-DD') and HMACs (base64url) never contain `#` or `%`.
 */
export const keys = {
  organization: (organizationId: string) => ({ pk: `ORG#${keyPart(organizationId)}`, sk: 'ORG' }),
  unit: (unitId: string) => ({ pk: `UNIT#${keyPart(unitId)}`, sk: 'UNIT' }),
  unitsOfOrganization: (organizationId: string) => `ORG#${keyPart(organizationId)}`,
  area: (areaId: string) => ({ pk: `AREA#${keyPart(areaId)}`, sk: 'AREA' }),
  optOut: (organizationId: string, phoneHmac: string) => ({
    pk: `OPTOUT#${keyPart(organizationId)}#${keyPart(phoneHmac)}`,
    sk: 'OPTOUT',
  }),
  visit: (organizationId: string, appointmentId: string) =>
    `VISIT#${keyPart(organizationId)}#${keyPart(appointmentId)}`,
  /** Sort key of a visit's records in the `byUnitDate` index. */
  visitInIndex: (appointmentId: string, sk: string) => `${keyPart(appointmentId)}#${sk}`,
  person: (organizationId: string, personHmac: string) => ({
    pk: `PERSON#${keyPart(organizationId)}#${keyPart(personHmac)}`,
    sk: 'RECONTACT',
  }),
  quota: (unitId: string, visitDate: string) => ({
    pk: `QUOTA#${keyPart(unitId)}#${visitDate}`,
    sk: 'QUOTA',
  }),
  /** `byUnitDate` partition of a unit's visits of a date: exactly one `#`, before the date. */
  unitDate: (unitId: string, visitDate: string) => `${keyPart(unitId)}#${visitDate}`,
  /**
   * `byUnitDate` partition of an organization's `UNKNOWN_UNIT` decisions of a visit date: there is no
   * unit to file them under. It has more than one `#`, so it is never a unit's partition.
   */
  unknownUnitDate: (organizationId: string, visitDate: string) =>
    `ORG#${keyPart(organizationId)}#UNKNOWN#${visitDate}`,
  /**
   * `byUnitDate` partition of the decisions of visits whose organization is not configured, by visit
   * date in Europe/Helsinki: no organization's nightly run reads them; the platform figure does.
   */
  unknownOrganizationDate: (visitDate: string) => `${UNKNOWN_ORGANIZATION_PARTITION}#${visitDate}`,
  survey: (tokenHash: string) => ({ pk: `SURVEY#${keyPart(tokenHash)}`, sk: 'SURVEY' }),
  answers: (unitId: string, visitDate: string) => `ANSWERS#${keyPart(unitId)}#${visitDate}`,
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
