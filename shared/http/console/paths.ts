export const LOGIN_PATH = '/login';
/** Starts the OpenID Connect sign-in: a redirect to the identity provider. */
export const LOGIN_START_PATH = '/login/start';
/** Where the identity provider sends the browser back (`{PUBLIC_BASE_URL}/login/callback`). */
export const LOGIN_CALLBACK_PATH = '/login/callback';
export const LOGOUT_PATH = '/logout';
export const CONSOLE_PATH = '/console';
