/** The report screens' own style rules (see ../styles.ts). */
export const REPORTS_CSS = `
`;
