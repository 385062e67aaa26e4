import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG, loadConfig, parseConfig, sendMaxConcurrency } from '../../infra/config';

const valid = {
  environmentName: 'prod',
  smsMonthlySpendLimitUsd: 3000,
  alarmEmail: 'ops@example.fi',
};

const contextOf =
  (values: Record<string, unknown>) =>
  (key: string): unknown =>
    values[key];

describe('config', () => {
  it('fills in the defaults', () => {
    const config = parseConfig(valid, 'test');
    expect(config).toMatchObject({
      region: 'eu-north-1',
      smsType: 'Transactional',
      smsPerSecond: 20,
      apiClients: [],
      producerAccountIds: [],
      logRetentionDays: 90,
    });
  });

  it('fails loudly, naming the path of every problem', () => {
    const bad = {
      ...valid,
      smsType: 'Sometimes',
      alarmEmail: 'nobody',
      apiClients: [{ name: 'x', scopes: ['write'] }],
      domainName: 'palaute.example.fi',
      unknownKey: 1,
    };
    expect(() => parseConfig(bad, 'bad.json')).toThrowError(/Invalid Palaute configuration \(bad\.json\)/);
    try {
      parseConfig(bad, 'bad.json');
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/- smsType: /);
      expect(message).toMatch(/- alarmEmail: /);
      expect(message).toMatch(/- apiClients\.0\.scopes\.0: /);
      expect(message).toMatch(/unknownKey/);
    }
  });

  it('requires domainName and certificateArn together', () => {
    expect(() => parseConfig({ ...valid, domainName: 'palaute.example.fi' }, 'test')).toThrowError(
      /certificateArn: domainName and certificateArn go together/,
    );
  });

  it('rejects the removed stack-wide sender id, saying that the organization sets it', () => {
    // Every SMS carries its organization's own smsSenderId: a stack setting would be silently unused.
    expect(() => parseConfig({ ...valid, smsSenderId: 'PoHDE' }, 'test')).toThrowError(
      /- smsSenderId: not a stack setting: every SMS carries its organization's own smsSenderId/,
    );
  });

  it('rejects a public URL that is not https', () => {
    expect(() => parseConfig({ ...valid, publicBaseUrl: 'http://palaute.example.fi' }, 'test')).toThrowError(
      /publicBaseUrl/,
    );
  });

  it('reads -c config=FILE relative to the working directory', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'palaute-config-'));
    writeFileSync(path.join(dir, 'prod.json'), JSON.stringify(valid));
    const loaded = loadConfig(contextOf({ config: 'prod.json' }), dir);
    expect(loaded.config.environmentName).toBe('prod');
    expect(loaded.origin).toBe(path.join(dir, 'prod.json'));
    expect(() => loadConfig(contextOf({ config: 'missing.json' }), dir)).toThrowError(/Cannot read/);
  });

  it('reads the context key palaute as an object or a JSON string', () => {
    expect(loadConfig(contextOf({ palaute: valid })).config.environmentName).toBe('prod');
    expect(loadConfig(contextOf({ palaute: JSON.stringify(valid) })).config.environmentName).toBe('prod');
  });

  it('falls back to the example configuration, and says so', () => {
    const loaded = loadConfig(contextOf({}));
    expect(loaded.origin).toBe('example');
    expect(loaded.config.environmentName).toBe(EXAMPLE_CONFIG.environmentName);
  });

  it('derives the send concurrency from the SMS rate, never below two', () => {
    expect(sendMaxConcurrency(1)).toBe(2);
    expect(sendMaxConcurrency(20)).toBe(5);
    expect(sendMaxConcurrency(55)).toBe(14);
    expect(sendMaxConcurrency(100)).toBe(25);
  });
});

describe('console sign-in config', () => {
  it('defaults to the user pool with MFA required and only platform-admin', () => {
    expect(parseConfig(valid, 'test').console).toEqual({ mfa: 'required', groups: [] });
  });

  it('accepts only Palaute group names, and not federation and a direct issuer together', () => {
    expect(() => parseConfig({ ...valid, console: { groups: ['admins'] } }, 'test')).toThrowError(
      /- console\.groups\.0: one of platform-admin, org-admin:\{organizationId\}/,
    );
    const provider = { issuer: 'https://idp.example.fi', clientId: 'c', clientSecretName: 's' };
    expect(() =>
      parseConfig(
        {
          ...valid,
          console: {
            federation: { name: 'Entra', ...provider },
            issuer: { url: provider.issuer, clientId: 'c' },
          },
        },
        'test',
      ),
    ).toThrowError(/federation \(through the user pool\) and issuer \(directly\) exclude each other/);
    expect(() =>
      parseConfig({ ...valid, console: { issuer: { url: 'http://idp.example.fi', clientId: 'c' } } }, 'test'),
    ).toThrowError(/console\.issuer\.url: an https:\/\/ URL/);
    expect(() =>
      parseConfig({ ...valid, console: { signInDomainPrefix: 'my-cognito' } }, 'test'),
    ).toThrowError(/console\.signInDomainPrefix: must not contain aws, amazon or cognito/);
  });

  it('fills in the federation defaults', () => {
    const config = parseConfig(
      {
        ...valid,
        console: {
          federation: {
            name: 'Entra',
            issuer: 'https://idp.example.fi',
            clientId: 'c',
            clientSecretName: 's',
          },
        },
      },
      'test',
    );
    expect(config.console.federation).toMatchObject({
      scopes: ['openid', 'email', 'profile'],
      groupsClaim: 'roles',
    });
  });
});
