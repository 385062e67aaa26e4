/** The admin screens' own style rules (see ../styles.ts). */
export const ADMIN_CSS = `
`;
