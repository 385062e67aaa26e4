export type { ExportsDeps } from './api';
export { exportsApi } from './api';
