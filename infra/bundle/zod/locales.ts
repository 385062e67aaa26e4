import en from '../../../node_modules/zod/v4/locales/en.js';

/** The one message locale the bundles carry: English, zod's default. */
export const locales = { en };
