import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs with secrets redacted. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service: 'techbridge-api' },
    redact: {
      paths: [
        'password',
        '*.password',
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'req.headers["x-api-key"]',
        '*.token',
        '*.secret',
      ],
      censor: '[redacted]',
    },
  });
}
