export { reportsApi } from './api';
export type { ReportsDeps } from './deps';
export { REPORTS_COOKIE, reportPages } from './page';
