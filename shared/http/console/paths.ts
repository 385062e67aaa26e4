export const LOGIN_PATH = '/login';
export const LOGOUT_PATH = '/logout';
export const CONSOLE_PATH = '/console';
