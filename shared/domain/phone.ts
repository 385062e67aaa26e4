// The mobile metadata (100 KB against the full set's 157 KB) holds exactly what this needs: a number
// is valid under it only if it is a mobile number, so landlines are told apart as with the full set.
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

/**
 * Normalises a client's number to E.164 if it is a mobile number we can text. Finnish national
 * numbers (`040 123 4567`) are read as Finnish. Landlines and unparseable numbers give undefined.
 */
export function normaliseMobilePhone(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const parsed = parsePhoneNumberFromString(raw, 'FI');
  // With metadata that has number types, a number is valid exactly when it has a type, so the type
  // alone tells both (isValid() would match the same patterns again, on every event).
  const type = parsed?.getType();
  // FIXED_LINE_OR_MOBILE is what some countries' plans (e.g. the US) give every number.
  if (parsed === undefined || (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE')) return undefined;
  return parsed.number;
}
