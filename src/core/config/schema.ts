import { Type, type Static } from '@sinclair/typebox';

/**
 * A URL Accord fetches, announces or puts in a notice: http or https only (a `file:` or `javascript:` URL is a
 * valid URI, and would be read from disk or put in front of people at risk).
 */
const WebUrl = () =>
  Type.String({
    format: 'uri',
    pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^/]',
    errorMessage: 'expected an http or https URL',
  });

/** Every setting Accord reads, with its environment variable, type and default. */
export const settings = {
  host: { env: 'ACCORD_HOST', schema: Type.String({ minLength: 1 }), default: '127.0.0.1' },
  port: { env: 'ACCORD_PORT', schema: Type.Integer({ minimum: 0, maximum: 65535 }), default: 8080 },
  publicUrl: { env: 'ACCORD_PUBLIC_URL', schema: WebUrl(), default: undefined },
  dataDir: { env: 'ACCORD_DATA_DIR', schema: Type.String({ minLength: 1 }), default: './.accord' },
  databaseUrl: {
    env: 'DATABASE_URL',
    schema: Type.String({ pattern: '^postgres(ql)?://' }),
    default: undefined,
  },
  databasePoolSize: {
    env: 'ACCORD_DATABASE_POOL_SIZE',
    schema: Type.Integer({ minimum: 1, maximum: 200 }),
    default: 10,
  },
  logLevel: {
    env: 'ACCORD_LOG_LEVEL',
    schema: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))),
    default: 'info',
  },
  logFile: { env: 'ACCORD_LOG_FILE', schema: Type.String({ minLength: 1 }), default: undefined },
  masterKey: { env: 'ACCORD_MASTER_KEY', schema: Type.String({ pattern: '^[A-Za-z0-9+/]{43}=$' }), default: undefined },
  masterKeyFile: { env: 'ACCORD_MASTER_KEY_FILE', schema: Type.String({ minLength: 1 }), default: undefined },
  auditSigningKeyFile: {
    env: 'ACCORD_AUDIT_SIGNING_KEY_FILE',
    schema: Type.String({ minLength: 1 }),
    default: undefined,
  },
  auditCheckpointFile: {
    env: 'ACCORD_AUDIT_CHECKPOINT_FILE',
    schema: Type.String({ minLength: 1 }),
    default: undefined,
  },
  auditCheckpointEntries: {
    env: 'ACCORD_AUDIT_CHECKPOINT_ENTRIES',
    schema: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
    default: 1000,
  },
  auditCheckpointMinutes: {
    env: 'ACCORD_AUDIT_CHECKPOINT_MINUTES',
    schema: Type.Integer({ minimum: 1, maximum: 60 * 24 * 31 }),
    default: 60,
  },
  tlsCertFile: { env: 'ACCORD_TLS_CERT_FILE', schema: Type.String({ minLength: 1 }), default: undefined },
  tlsKeyFile: { env: 'ACCORD_TLS_KEY_FILE', schema: Type.String({ minLength: 1 }), default: undefined },
  trustProxy: { env: 'ACCORD_TRUST_PROXY', schema: Type.Boolean(), default: false },
  bodyLimitBytes: {
    env: 'ACCORD_BODY_LIMIT_BYTES',
    schema: Type.Integer({ minimum: 1024, maximum: 1024 ** 3 }),
    default: 1024 * 1024,
  },
  sessionTtlMinutes: { env: 'ACCORD_SESSION_TTL_MINUTES', schema: Type.Integer({ minimum: 5 }), default: 8 * 60 },
  loginMaxAttempts: { env: 'ACCORD_LOGIN_MAX_ATTEMPTS', schema: Type.Integer({ minimum: 1 }), default: 5 },
  loginLockoutMinutes: { env: 'ACCORD_LOGIN_LOCKOUT_MINUTES', schema: Type.Integer({ minimum: 1 }), default: 15 },
  loginRateLimitPerMinute: {
    env: 'ACCORD_LOGIN_RATE_LIMIT_PER_MINUTE',
    schema: Type.Integer({ minimum: 1 }),
    default: 10,
  },
  shutdownTimeoutSeconds: { env: 'ACCORD_SHUTDOWN_TIMEOUT_SECONDS', schema: Type.Integer({ minimum: 1 }), default: 30 },
  jobsEnabled: { env: 'ACCORD_JOBS', schema: Type.Boolean(), default: true },
  outboundAllowPrivate: { env: 'ACCORD_OUTBOUND_ALLOW_PRIVATE', schema: Type.Boolean(), default: false },
  outboundAllowPrivateFirstHop: {
    env: 'ACCORD_OUTBOUND_ALLOW_PRIVATE_FIRST_HOP',
    schema: Type.Boolean(),
    default: false,
  },
  natsUrl: { env: 'ACCORD_NATS_URL', schema: Type.String({ pattern: '^(nats|tls)://' }), default: undefined },
  natsStream: {
    env: 'ACCORD_NATS_STREAM',
    schema: Type.String({ pattern: '^[A-Za-z0-9_-]+$' }),
    default: 'ACCORD_TELEMETRY',
  },
  natsSubject: { env: 'ACCORD_NATS_SUBJECT', schema: Type.String({ minLength: 1 }), default: 'accord.telemetry.>' },
  natsConsumer: {
    env: 'ACCORD_NATS_CONSUMER',
    schema: Type.String({ pattern: '^[A-Za-z0-9_-]+$' }),
    default: 'accord-detect',
  },
  detectFoldWindowMinutes: {
    env: 'ACCORD_DETECT_FOLD_WINDOW_MINUTES',
    schema: Type.Integer({ minimum: 1, maximum: 60 * 24 * 90 }),
    default: 24 * 60,
  },
  detectFieldMapping: {
    env: 'ACCORD_DETECT_FIELD_MAPPING',
    schema: Type.String({ minLength: 1 }),
    default: undefined,
  },
  /**
   * How long a running import may stay silent before it is taken for dead (its process killed, crashed or cut off)
   * and marked `interrupted`; it says it is alive four times as often.
   */
  intelImportLeaseSeconds: {
    env: 'ACCORD_INTEL_IMPORT_LEASE_SECONDS',
    schema: Type.Integer({ minimum: 2, maximum: 3600 }),
    default: 120,
  },
  intelImportThreads: {
    env: 'ACCORD_INTEL_IMPORT_THREADS',
    schema: Type.Integer({ minimum: 0, maximum: 64 }),
    default: undefined,
  },
  telemetryDir: { env: 'ACCORD_TELEMETRY_DIR', schema: Type.String({ minLength: 1 }), default: undefined },
  telemetryRetentionDays: {
    env: 'ACCORD_TELEMETRY_RETENTION_DAYS',
    schema: Type.Integer({ minimum: 1, maximum: 3650 }),
    default: 30,
  },
  githubRawUrl: {
    env: 'ACCORD_GITHUB_RAW_URL',
    schema: WebUrl(),
    default: 'https://raw.githubusercontent.com',
  },
  taxiiTitle: { env: 'ACCORD_TAXII_TITLE', schema: Type.String({ minLength: 1, maxLength: 200 }), default: 'Accord' },
  outboundTimeoutSeconds: {
    env: 'ACCORD_OUTBOUND_TIMEOUT_SECONDS',
    schema: Type.Integer({ minimum: 1, maximum: 3600 }),
    default: 60,
  },
  providerName: {
    env: 'ACCORD_PROVIDER_NAME',
    schema: Type.String({ minLength: 1, maxLength: 100 }),
    default: 'Accord',
  },
  smtpUrl: { env: 'ACCORD_SMTP_URL', schema: Type.String({ pattern: '^smtps?://' }), default: undefined },
  notifyFrom: {
    env: 'ACCORD_NOTIFY_FROM',
    schema: Type.String({ minLength: 3, maxLength: 320 }),
    default: 'Security notices <security-notices@localhost>',
  },
  notifyWebhookUrl: { env: 'ACCORD_NOTIFY_WEBHOOK_URL', schema: WebUrl(), default: undefined },
  notifyWebhookSecret: {
    env: 'ACCORD_NOTIFY_WEBHOOK_SECRET',
    schema: Type.String({ minLength: 32 }),
    default: undefined,
  },
  notifyHelpUrl: {
    env: 'ACCORD_NOTIFY_HELP_URL',
    schema: WebUrl(),
    default: 'https://www.accessnow.org/help/',
  },
  notifyVerifyUrl: { env: 'ACCORD_NOTIFY_VERIFY_URL', schema: WebUrl(), default: undefined },
  // Notices to a person whose language is unknown, or has no notice template (one of src/notify/templates).
  notifyDefaultLanguage: {
    env: 'ACCORD_NOTIFY_DEFAULT_LANGUAGE',
    schema: Type.String({ pattern: '^[a-z]{2,3}$' }),
    default: 'en',
  },
  notifyDedupDays: {
    env: 'ACCORD_NOTIFY_DEDUP_DAYS',
    schema: Type.Integer({ minimum: 1, maximum: 3650 }),
    default: 90,
  },
  identifierPhoneRegion: {
    env: 'ACCORD_IDENTIFIER_PHONE_REGION',
    schema: Type.String({ pattern: '^([A-Za-z]{2})?$' }),
    default: '',
  },
  identifierSubaddress: {
    env: 'ACCORD_IDENTIFIER_SUBADDRESS',
    schema: Type.String({ pattern: '^([*a-z0-9.-]+=[^,=]{0,4})(,[*a-z0-9.-]+=[^,=]{0,4})*$' }),
    default: '*=+',
  },
  identifierDotlessDomains: {
    env: 'ACCORD_IDENTIFIER_DOTLESS_DOMAINS',
    schema: Type.String({ pattern: '^([a-z0-9.-]+(,[a-z0-9.-]+)*)?$' }),
    default: 'gmail.com',
  },
  lawfulTwoPersonTypes: {
    env: 'ACCORD_LAWFUL_TWO_PERSON_TYPES',
    schema: Type.String({ pattern: '^[a-z_]+(,[a-z_]+)*$' }),
    default: 'emergency_disclosure,national_security,mlat',
  },
  lawfulRefuseActivePdf: { env: 'ACCORD_LAWFUL_REFUSE_ACTIVE_PDF', schema: Type.Boolean(), default: false },
  lawfulHighRiskCountries: {
    env: 'ACCORD_LAWFUL_HIGH_RISK_COUNTRIES',
    schema: Type.String({ pattern: '^([A-Za-z]{2}(,[A-Za-z]{2})*)?$' }),
    default: '',
  },
  notifySendTimeoutSeconds: {
    env: 'ACCORD_NOTIFY_SEND_TIMEOUT_SECONDS',
    schema: Type.Integer({ minimum: 1, maximum: 3600 }),
    default: 60,
  },
  screeningThreshold: {
    env: 'ACCORD_SCREENING_THRESHOLD',
    schema: Type.Number({ minimum: 0.5, maximum: 1 }),
    default: 0.85,
  },
  screeningMaxMatches: {
    env: 'ACCORD_SCREENING_MAX_MATCHES',
    schema: Type.Integer({ minimum: 1, maximum: 100 }),
    default: 10,
  },
  screeningReviewMonths: {
    env: 'ACCORD_SCREENING_REVIEW_MONTHS',
    schema: Type.Integer({ minimum: 1, maximum: 60 }),
    default: 12,
  },
  notifyMaxAttempts: {
    env: 'ACCORD_NOTIFY_MAX_ATTEMPTS',
    schema: Type.Integer({ minimum: 1, maximum: 50 }),
    default: 10,
  },
  // Back-off base: attempt n+1 waits base x 3^(n-1), capped at 12 h, +-20 % jitter (see src/notify/deliver/backoff.ts).
  notifyRetrySeconds: {
    env: 'ACCORD_NOTIFY_RETRY_SECONDS',
    schema: Type.Number({ minimum: 0.1, maximum: 3600 }),
    default: 30,
  },
  // Attempts in flight per channel and process: each channel has its own, so a slow one cannot starve another.
  notifyConcurrency: {
    env: 'ACCORD_NOTIFY_CONCURRENCY',
    schema: Type.Integer({ minimum: 1, maximum: 200 }),
    default: 8,
  },
  transparencyPeriod: {
    env: 'ACCORD_TRANSPARENCY_PERIOD',
    schema: Type.Union([Type.Literal('half-year'), Type.Literal('quarter'), Type.Literal('year')]),
    default: 'half-year',
  },
  transparencyThreshold: {
    env: 'ACCORD_TRANSPARENCY_THRESHOLD',
    schema: Type.Integer({ minimum: 0, maximum: 1000 }),
    default: 0,
  },
  transparencyNationalSecurityBand: {
    env: 'ACCORD_TRANSPARENCY_NATIONAL_SECURITY_BAND',
    schema: Type.Integer({ minimum: 1, maximum: 100000 }),
    default: 500,
  },
} as const;

type Settings = typeof settings;
type ValueOf<K extends keyof Settings> = Static<Settings[K]['schema']>;

/** The validated, frozen configuration. */
export type Config = {
  readonly [K in keyof Settings]: Settings[K]['default'] extends undefined ? ValueOf<K> | undefined : ValueOf<K>;
};
