import { CliError, EXIT, invalidInput } from './errors';

export const DEFAULT_URL = 'http://localhost:3000';
/** A request that takes longer than this is reported as a server problem (exit 5), not left hanging. */
const TIMEOUT_MS = 30_000;

export interface Connection {
  url: string;
  token: string | undefined;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Statuses the caller handles itself instead of getting them as errors (e.g. 404 of a unit to create). */
  accept?: readonly number[];
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

/** `path: message` lines of an API error's `details`, when it lists fields. */
function detailLines(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details.map((d: { path?: unknown; message?: unknown }) =>
    d && typeof d === 'object' && 'path' in d ? `${String(d.path)}: ${String(d.message)}` : JSON.stringify(d),
  );
}

/** Maps an HTTP error answer to its exit code and one clear line. */
export function errorForResponse(method: string, url: string, response: ApiResponse): CliError {
  const body = (response.json ?? {}) as ErrorBody;
  const said = body.error?.message ?? (response.text.trim().slice(0, 200) || `HTTP ${response.status}`);
  const details = detailLines(body.error?.details);
  switch (response.status) {
    case 400:
    case 422:
      return new CliError(EXIT.invalid, `rejected by the server: ${said}`, details);
    case 401:
      return new CliError(
        EXIT.notFoundOrUnauthorized,
        `unauthorized: the server did not accept the token (check PALAUTE_TOKEN or --token): ${said}`,
      );
    case 403:
      return new CliError(EXIT.notFoundOrUnauthorized, `forbidden: ${said}`);
    case 404:
      return new CliError(EXIT.notFoundOrUnauthorized, `not found: ${said}`);
    case 409:
      return new CliError(EXIT.conflict, `conflict: ${said}`, details);
    case 412:
      return new CliError(EXIT.conflict, 'changed by someone else since you read it; run again');
    default:
      if (response.status >= 500) {
        return new CliError(
          EXIT.serverOrUnreachable,
          `server error ${response.status} from ${method} ${url}: ${said}`,
        );
      }
      return new CliError(
        EXIT.unexpected,
        `unexpected answer ${response.status} from ${method} ${url}: ${said}`,
      );
  }
}

/** Why a fetch failed, in the words of the network layer (ECONNREFUSED, ENOTFOUND, a timeout, …). */
function networkCause(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${TIMEOUT_MS / 1000} s`;
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** The Palaute HTTP API as the command-line tool uses it: bearer token, JSON, errors as exit codes. */
export class PalauteClient {
  readonly baseUrl: string;

  constructor(private readonly connection: Connection) {
    this.baseUrl = connection.url.replace(/\/+$/, '');
  }

  /** Commands that read or write the API need a token; saying so beats a 401 from the server. */
  requireToken(): string {
    if (!this.connection.token) {
      throw invalidInput('no token: set PALAUTE_TOKEN or pass --token (an admin or reports:read token)');
    }
    return this.connection.token;
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const url = `${this.baseUrl}${path}`;
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.requireToken()}`,
      accept: 'application/json',
      ...options.headers,
    };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let raw: Response;
    try {
      raw = await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new CliError(EXIT.serverOrUnreachable, `cannot reach ${this.baseUrl}: ${networkCause(error)}`);
    }
    const text = await raw.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const response: ApiResponse = { status: raw.status, headers: raw.headers, text, json };
    if (raw.ok || options.accept?.includes(raw.status)) return response;
    throw errorForResponse(method, url, response);
  }

  /** A successful JSON answer, or exit 5 when the server answered something else (e.g. a proxy's HTML page). */
  async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.request(method, path, options);
    if (response.json === undefined) {
      throw new CliError(
        EXIT.serverOrUnreachable,
        `${this.baseUrl}${path} did not answer JSON (is ${this.baseUrl} a Palaute server?)`,
      );
    }
    return response.json as T;
  }
}

export const encodeId = (id: string) => encodeURIComponent(id);
