import { describe, expect, it } from 'vitest';
import { normaliseMobilePhone } from '../../shared/domain/phone';
import {
  EXAMPLE_SMS_TEMPLATES,
  fitsOneSegment,
  gsm7Length,
  renderSurveySms,
  surveyLink,
  templateProblems,
} from '../../shared/domain/sms';
import { LANGUAGES, MAX_SMS_NAME_LENGTH } from '../../shared/schemas/config';

const BASE = 'https://palaute.example.fi';

describe('GSM-7 length', () => {
  it('counts Finnish and Swedish letters as one septet', () => {
    expect(gsm7Length('äöåÄÖÅ')).toBe(6);
  });
  it('counts the extension table as two', () => {
    expect(gsm7Length('€[]{}')).toBe(10);
  });
  it('refuses curly quotes and emoji', () => {
    expect(gsm7Length('Kiitos ”hyvä”')).toBeUndefined();
    expect(gsm7Length('Kiitos 🙂')).toBeUndefined();
    expect(gsm7Length('It’s')).toBeUndefined();
  });
});

describe('survey SMS', () => {
  const longestNames = {
    fi: 'Länsi-Uudenmaan hyvinvointialue ÄÖÅäöå'.padEnd(MAX_SMS_NAME_LENGTH, 'ä'),
    sv: 'Västra Nylands välfärdsområde ÅÄÖ'.padEnd(MAX_SMS_NAME_LENGTH, 'å'),
    en: 'Western Uusimaa Wellbeing Services'.padEnd(MAX_SMS_NAME_LENGTH, 'x'),
  };

  it.each(LANGUAGES)('fits one segment in %s with the longest allowed name', (language) => {
    const body = renderSurveySms(EXAMPLE_SMS_TEMPLATES[language], {
      link: surveyLink(BASE, 'AAAAAAAAAAAAAAAAAAAAAA'),
      senderName: longestNames[language],
    });
    expect(longestNames[language]).toHaveLength(MAX_SMS_NAME_LENGTH);
    expect(fitsOneSegment(body)).toBe(true);
    expect(gsm7Length(body)).toBeLessThanOrEqual(160);
    expect(templateProblems(EXAMPLE_SMS_TEMPLATES[language], BASE, MAX_SMS_NAME_LENGTH)).toEqual([]);
  });

  it('renders the link and the sender name', () => {
    expect(renderSurveySms('Hei {link} -{orgName}', { link: `${BASE}/s/tok`, senderName: 'Pohde' })).toBe(
      'Hei https://palaute.example.fi/s/tok -Pohde',
    );
    expect(surveyLink(`${BASE}/`, 'tok')).toBe(`${BASE}/s/tok`);
  });

  it('rejects templates that could exceed one segment', () => {
    const long = `${'Kiitos! '.repeat(12)}{link} -{orgName}`;
    expect(templateProblems(long, BASE, MAX_SMS_NAME_LENGTH).join()).toMatch(/one SMS holds 160/);
  });

  it('rejects templates without a link, with unknown placeholders or non-GSM characters', () => {
    expect(templateProblems('Kiitos -{orgName}', BASE, 40)).toContain('must contain {link} exactly once');
    expect(templateProblems('{link} {unitName}', BASE, 40).join()).toMatch(
      /unknown placeholders: \{unitName\}/,
    );
    expect(templateProblems('”Kiitos” {link}', BASE, 40).join()).toMatch(/outside GSM-7/);
  });
});

describe('mobile numbers', () => {
  it.each([
    ['+358401234567', '+358401234567'],
    ['040 123 4567', '+358401234567'],
    ['050-1234567', '+358501234567'],
    ['+46701234567', '+46701234567'],
    ['09 1234 567', undefined],
    ['+35891234567', undefined],
    ['', undefined],
    ['ei numeroa', undefined],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseMobilePhone(raw)).toBe(expected);
  });
});
