// What the API writes to its log, one line per request either way: JSON lines for log collectors
// (LOG_FORMAT=json, the default in production), or short readable lines for a developer's console
// (LOG_FORMAT=pretty) that leave out the requests nobody reads there — health checks, metrics and the
// API document's files. A line names method, path (tokens and query strings cut), status and
// duration; never bodies or headers.
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { DestinationStream } from 'pino';
import pinoPretty from 'pino-pretty';

export type LogFormat = 'pretty' | 'json';

const QUIET_PATHS = [/^\/healthz$/, /^\/readyz$/, /^\/metrics$/, /^\/openapi\.json$/, /^\/docs(\/|$)/];

/** Health, metrics and static documentation requests: polled or fetched, not worth a line in development. */
export function isQuietPath(path: string): boolean {
  return QUIET_PATHS.some((pattern) => pattern.test(path));
}

interface RequestLine {
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
}

/** Readable lines: `10:42:07 INFO POST /v1/invoices 201 (38 ms)`; other lines keep their message. */
export function prettyLogStream(destination: NodeJS.WritableStream = process.stdout): DestinationStream {
  return pinoPretty({
    destination,
    colorize: Boolean((destination as { isTTY?: boolean }).isTTY),
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,reqId,req,res,responseTime',
    singleLine: true,
    messageFormat: (log, messageKey) => {
      const { req, res, responseTime } = log as RequestLine;
      if (req?.method && res?.statusCode !== undefined)
        return `${req.method} ${req.url} ${res.statusCode} (${responseTime} ms)`;
      return String(log[messageKey] ?? '');
    },
  });
}

/**
 * One line per answered request instead of Fastify's two ("incoming request", "request completed"),
 * through Fastify's own hook for its request lines. `loggablePath` has already cut tokens and query
 * strings from what the `req` serializer writes.
 */
class RequestLines extends LogController {
  constructor(
    private readonly format: LogFormat,
    private readonly loggablePath: (url: string) => string,
  ) {
    super();
  }

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.format === 'pretty' && isQuietPath(this.loggablePath(request.url))) return;
    const line = {
      req: request,
      res: { statusCode: reply.statusCode },
      responseTime: Math.round(reply.elapsedTime),
    };
    if (error)
      request.log.error({ ...line, err: { name: error.name, message: error.message } }, 'request errored');
    else request.log.info(line, 'request completed');
  }
}

export function requestLogController(
  format: LogFormat,
  loggablePath: (url: string) => string,
): LogController {
  return new RequestLines(format, loggablePath);
}
