import { create as createQrCode } from 'qrcode/lib/core/qrcode';
import { LANGUAGES, type Unit } from '../../schemas/config';
import type { OpenLink } from '../../schemas/openLinks';
import { OPEN_LINK_TEXTS } from './texts';

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (ch) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[ch]};`);

/** The QR code's dark modules as one SVG path in module units (the quiet zone is the caller's). */
export function qrModulesPath(text: string): { size: number; path: string } {
  // Level M survives a poster's wear (15 %) and keeps the code small enough to scan from a step away.
  const { modules } = createQrCode(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (modules.get(row, col)) parts.push(`M${col} ${row}h1v1h-1z`);
    }
  }
  return { size: modules.size, path: parts.join('') };
}

/** Millimetres on A4 portrait. */
const PAGE = { width: 210, height: 297 };
const QR_WIDTH = 120;
const QUIET_ZONE_MODULES = 4;

/** Where a link is answered (kiosk links start over after each answer), as on its poster. */
export const openLinkUrl = (publicBaseUrl: string, link: Pick<OpenLink, 'channel' | 'openLinkId'>) =>
  `${publicBaseUrl.replace(/\/+$/, '')}/${link.channel === 'kiosk' ? 'k' : 'f'}/${link.openLinkId}`;

/** The poster of a link as an HTTP response body and headers: the API and the console serve the same. */
export function posterResponse(
  publicBaseUrl: string,
  link: Pick<OpenLink, 'channel' | 'openLinkId'>,
  unit: Pick<Unit, 'unitId' | 'name'>,
  organizationName: string | undefined,
): { svg: string; headers: Record<string, string> } {
  return {
    svg: renderPoster({ url: openLinkUrl(publicBaseUrl, link), unitName: unit.name, organizationName }),
    headers: {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Content-Disposition': `inline; filename="poster-${unit.unitId}-${link.channel}.svg"`,
    },
  };
}

/**
 * A printable A4 poster: the unit's name, an invitation in Finnish, Swedish and English, the QR code
 * of the link and the link itself in plain text for those who type it.
 */
export function renderPoster(options: {
  url: string;
  unitName: Unit['name'];
  organizationName?: string;
}): string {
  const { size, path } = qrModulesPath(options.url);
  const moduleMm = QR_WIDTH / (size + 2 * QUIET_ZONE_MODULES);
  const qrX = (PAGE.width - QR_WIDTH) / 2;
  const qrY = 118;
  const unitName = options.unitName.fi;
  const unitFontSize = Math.min(10, 340 / Math.max(unitName.length, 1));
  const lines: string[] = [];
  const text = (y: number, size: number, content: string, lang: string, weight = 'normal') =>
    lines.push(
      `<text x="${PAGE.width / 2}" y="${y}" font-size="${size}" font-weight="${weight}" text-anchor="middle" xml:lang="${lang}">${escapeXml(content)}</text>`,
    );
  if (options.organizationName) text(18, 6, options.organizationName, 'fi');
  text(34, unitFontSize, unitName, 'fi', 'bold');
  for (const [index, lang] of LANGUAGES.entries()) {
    const texts = OPEN_LINK_TEXTS[lang];
    const y = 54 + index * 20;
    text(y, 8, texts.posterTitle, lang, 'bold');
    text(y + 8, 5.5, texts.posterInvitation, lang);
  }
  const belowQr = qrY + QR_WIDTH + 14;
  for (const [index, lang] of LANGUAGES.entries())
    text(belowQr + index * 7, 4.5, OPEN_LINK_TEXTS[lang].posterScan, lang);
  lines.push(
    `<text x="${PAGE.width / 2}" y="${belowQr + 29}" font-size="5" font-family="monospace" text-anchor="middle">${escapeXml(options.url)}</text>`,
  );
  const title = `${OPEN_LINK_TEXTS.fi.posterTitle} – ${unitName}`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE.width}mm" height="${PAGE.height}mm" viewBox="0 0 ${PAGE.width} ${PAGE.height}" role="img" aria-labelledby="poster-title" font-family="Arial, Helvetica, sans-serif" fill="#000">`,
    `<title id="poster-title">${escapeXml(title)}</title>`,
    `<rect width="${PAGE.width}" height="${PAGE.height}" fill="#fff"/>`,
    ...lines,
    `<g id="qr" transform="translate(${qrX} ${qrY}) scale(${moduleMm})">`,
    `<rect width="${size + 2 * QUIET_ZONE_MODULES}" height="${size + 2 * QUIET_ZONE_MODULES}" fill="#fff"/>`,
    `<path transform="translate(${QUIET_ZONE_MODULES} ${QUIET_ZONE_MODULES})" d="${path}" fill="#000" data-modules="${size}"/>`,
    `</g>`,
    `</svg>`,
  ].join('\n');
}
