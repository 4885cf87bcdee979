import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  ValidationError,
  validateSync,
} from 'class-validator';

/** The webhook secret the local fake Stripe signs with; published in this repository, so refused in production. */
export const DEV_WEBHOOK_SECRET = 'whsec_dev_local_fake_stripe_0123456789';

/**
 * The development key pair bids' files are sealed with (X25519, base64 DER): published in this
 * repository, so refused in production, where the workers hold BID_SEAL_SECRET and the API only
 * BID_SEAL_PUBLIC_KEY.
 */
export const DEV_BID_SEAL_SECRET = 'MC4CAQAwBQYDK2VuBCIEINCOsYQfHazleJACx5IMo/+5V7EKbJl8DUAKR3fGkTxF';
export const DEV_BID_SEAL_PUBLIC_KEY = 'MCowBQYDK2VuAyEAlr8R7x3ibY+WqD3cHL4zTqxDru1ATzWwQ8sDgXSPrCM=';

/** Every development secret starts so: production refuses any of them, not only the default. */
const DEV_SECRET_PREFIX = 'whsec_dev';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/** An integer setting: read from its string, at least `min` and, when given, at most `max`. */
function IntSetting(min: number, max?: number): PropertyDecorator {
  const decorators = [Transform(toInt), IsInt(), Min(min), ...(max === undefined ? [] : [Max(max)])];
  // Applied bottom-up, as the stacked decorators they replace were.
  return (target, key) => decorators.reverse().forEach((decorate) => decorate(target, key));
}

/** `true` or `false`; anything else is left as it is, for the validator to name. */
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

const usesS3 = (env: Env) => env.STORAGE_DRIVER === 's3';

/**
 * What the database CLI (backend/src/database/cli.ts) reads: the connection, and the web app's
 * address for the link `setup` prints. A command that needs no secret must not ask for one.
 */
export class DatabaseEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/sanshe';

  /** PostgreSQL schema holding the tables; each test suite uses its own. */
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_SCHEMA must be a lower-case SQL identifier' })
  DATABASE_SCHEMA = 'public';

  /** Public URL of the web app, used in e-mails. */
  @IsUrl({ require_tld: false })
  WEB_URL = 'http://localhost:4200';
}

/**
 * Every setting the processes read. Validated once at boot; nothing else reads process.env.
 * docs/configuration.md describes each variable.
 */
export class Env extends DatabaseEnv {
  @IntSetting(1, 65535) PORT = 3000;

  /** Port of the local fake Stripe used in development when no Stripe key or URL is set (started by `npm start`). */
  @IntSetting(1, 65535) LOCAL_FAKE_STRIPE_PORT = 12111;

  /**
   * Streaming replicas (comma-separated postgres:// URLs) that serve the heavy public reads of
   * anonymous callers (database/replica.ts). Empty: none, everything reads the primary.
   */
  @Matches(/^(postgres(ql)?:\/\/[^,\s]+(\s*,\s*postgres(ql)?:\/\/[^,\s]+)*)?$/, {
    message: 'DATABASE_REPLICA_URLS must be postgres:// URLs, comma-separated',
  })
  DATABASE_REPLICA_URLS = '';

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /**
   * Where the queues and the rate-limit counters live: `redis` (REDIS_URL), or `postgres`: BullMQ's
   * PostgreSQL backend and a table, in the product's own database, so nothing but PostgreSQL is needed.
   */
  @IsIn(['redis', 'postgres'])
  QUEUE_BACKEND: 'redis' | 'postgres' = 'redis';

  /**
   * Seed nodes (host:port, comma-separated) of a Redis Cluster for the queues and the rate limits,
   * reached with REDIS_URL's credentials and TLS. Empty: the single Redis of REDIS_URL.
   */
  @Matches(/^$|^[\w.-]+:\d{1,5}(,[\w.-]+:\d{1,5})*$/, {
    message: 'REDIS_CLUSTER_NODES must be host:port pairs, comma-separated',
  })
  REDIS_CLUSTER_NODES = '';

  /** Namespace of the queues' Redis keys, so several deployments (or test runs) can share one Redis. */
  @Matches(/^[a-z0-9-]+$/, { message: 'QUEUE_PREFIX may hold only a-z, 0-9 and -' })
  QUEUE_PREFIX = 'sanshe';

  /**
   * Workers only: how long a worker's lock on a running job lasts without renewal, and how often
   * stalled jobs are looked for (BullMQ's default is 30 s).
   */
  @IntSetting(500) JOB_LOCK_MS = 30_000;

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  /**
   * Signs volunteer certificates (HMAC-SHA256): the QR code on a certificate carries the signature
   * that the public verification endpoint checks. Unset: a key derived from JWT_SECRET (so rotating
   * JWT_SECRET would then invalidate issued certificates; set this to keep them apart).
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'CERTIFICATE_SIGNING_SECRET must be at least 32 characters' })
  CERTIFICATE_SIGNING_SECRET?: string = undefined;

  /**
   * The font file that writes the volunteer's name (Chinese) on a certificate PDF: Debian's
   * fonts-noto-cjk by default. A collection (.ttc) needs CERTIFICATE_FONT_FACE, the PostScript
   * name of the face to use. Missing file: the API refuses to start in production; elsewhere it
   * warns at start-up and the PDF says that the name is shown on the public check instead.
   */
  @IsString()
  CERTIFICATE_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

  @IsString()
  CERTIFICATE_FONT_FACE = 'NotoSansCJKsc-Regular';

  @IntSetting(60, 3600) ACCESS_TOKEN_TTL_SECONDS = 900;

  @IntSetting(1, 90) REFRESH_TOKEN_TTL_DAYS = 30;

  /** Comma-separated origins allowed by CORS. */
  @IsString()
  CORS_ORIGINS = 'http://localhost:4200,http://127.0.0.1:4200';

  @IntSetting(1) RATE_LIMIT_PER_MINUTE = 600;

  /** Requests per minute and IP to the sign-in endpoints (login, register, refresh). */
  @IntSetting(1) AUTH_RATE_LIMIT_PER_MINUTE = 30;

  @IntSetting(1, 100) LOGIN_MAX_FAILURES = 5;

  @IntSetting(1) LOGIN_WINDOW_MINUTES = 15;

  /** Sign-in attempts on one account from all addresses in a window before it slows to one per LOGIN_SLOWDOWN_SECONDS. */
  @IntSetting(1) LOGIN_ACCOUNT_CEILING = 50;

  @IntSetting(1, 300) LOGIN_SLOWDOWN_SECONDS = 5;

  /**
   * Addresses or CIDR ranges (comma-separated) of the proxies whose X-Forwarded-For is believed.
   * Empty: none, every client is its socket address.
   */
  @IsString()
  @Matches(/^[0-9a-fA-F:./, ]*$/, {
    message: 'TRUSTED_PROXIES must be IP addresses or CIDR ranges, comma-separated',
  })
  TRUSTED_PROXIES = '';

  /** Lifetime of the link that verifies an e-mail address, in hours. */
  @IntSetting(1, 720) VERIFY_LINK_TTL_HOURS = 48;

  /** Lifetime of a password-reset link, in minutes. */
  @IntSetting(5, 1440) RESET_LINK_TTL_MINUTES = 60;

  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @IsString()
  MAIL_FROM = 'Sanshe Linkage <no-reply@sanshe.local>';

  /** Direct commission (项目委托) is allowed only up to this budget, in fen. */
  @IntSetting(0) DIRECT_COMMISSION_CAP_FEN = 10_000_000;

  /** An amendment published with fewer days than this before the bid deadline pushes the deadline out to this. */
  @IntSetting(0, 60) AMENDMENT_MIN_DAYS = 3;

  /** Where files are kept: `disk` (STORAGE_DIR, one machine) or `s3` (a bucket every instance shares). */
  @IsIn(['disk', 's3'])
  STORAGE_DRIVER: 'disk' | 's3' = 'disk';

  /** Folder where uploaded documents are kept (the local-disk file storage). */
  @IsString()
  STORAGE_DIR = '.data/uploads';

  /** Base URL of an S3-compatible store (MinIO, …). Unset: AWS S3 in S3_REGION. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  S3_ENDPOINT?: string = undefined;

  @ValidateIf(usesS3)
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message: 'S3_BUCKET must be set to a bucket name when STORAGE_DRIVER is s3',
  })
  S3_BUCKET?: string = undefined;

  @Matches(/^[a-z0-9-]+$/, { message: 'S3_REGION must be a region name such as us-east-1' })
  S3_REGION = 'us-east-1';

  @ValidateIf(usesS3)
  @Matches(/^\S+$/, { message: 'S3_ACCESS_KEY_ID must be set when STORAGE_DRIVER is s3' })
  S3_ACCESS_KEY_ID?: string = undefined;

  @ValidateIf(usesS3)
  @Matches(/^\S+$/, { message: 'S3_SECRET_ACCESS_KEY must be set when STORAGE_DRIVER is s3' })
  S3_SECRET_ACCESS_KEY?: string = undefined;

  /** Bucket in the path (http://host/bucket/key) rather than the host name; most S3-compatible servers need it. */
  @Transform(toBool)
  @IsBoolean({ message: 'S3_FORCE_PATH_STYLE must be true or false' })
  S3_FORCE_PATH_STYLE = false;

  /**
   * The ClamAV daemon that scans every uploaded document (tcp://host:port, INSTREAM). Unset: uploads
   * stay in quarantine (pending_scan), never offered for download, until a scanner is configured.
   */
  @IsOptional()
  @Matches(/^tcp:\/\/[^\s/:]+:\d{1,5}$/, { message: 'CLAMAV_URL must be tcp://host:port (clamd)' })
  CLAMAV_URL?: string = undefined;

  /** Who publishes the OCDS data (the packages' `publisher.name`). */
  @IsString()
  @MinLength(1)
  OCDS_PUBLISHER_NAME = 'Sanshe Linkage 三社联动';

  /** The publisher's web address (`publisher.uri`); unset: none is given. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  OCDS_PUBLISHER_URI?: string = undefined;

  /** The licence of the OCDS data (`license`), a URL. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  OCDS_LICENSE = 'https://creativecommons.org/licenses/by/4.0/';

  /**
   * How long after the first newly published release (or tender) the OCDS bulk download is
   * rewritten; releases published meanwhile join that rewrite. It is also rewritten nightly.
   */
  @IntSetting(1, 86_400) OCDS_BULK_DELAY_SECONDS = 300;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Stripe secret (or restricted) key. Unset: in development a local fake Stripe is used (docs/configuration.md). */
  @IsOptional()
  @Matches(/^(sk|rk)_(test|live)_[A-Za-z0-9_]{8,}$/, {
    message: 'STRIPE_SECRET_KEY must be a Stripe secret key (sk_test_…, sk_live_…, rk_…)',
  })
  STRIPE_SECRET_KEY?: string = undefined;

  /**
   * Signing secret(s) of the webhook endpoint(s) (whsec_…), comma-separated: the account endpoint
   * and the Connect endpoint have one each (and a rotation briefly needs two). Verifies every event.
   * Unset: the local fake's secret outside production; none in production (loadEnv).
   */
  @IsOptional()
  @Matches(/^whsec_[A-Za-z0-9_]{16,}(,whsec_[A-Za-z0-9_]{16,})*$/, {
    message: 'STRIPE_WEBHOOK_SECRET must be whsec_… secrets (16+ characters), comma-separated',
  })
  STRIPE_WEBHOOK_SECRET?: string = undefined;

  /** Base URL of the Stripe API, e.g. http://127.0.0.1:12111 for a local fake or stripe-mock. Unset: api.stripe.com. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  STRIPE_API_URL?: string = undefined;

  /**
   * The public key bids' files are sealed for until the deadline (X25519 SPKI DER, base64), on
   * the API. Unset outside production: the development key.
   */
  @IsOptional()
  @Matches(/^MCowBQYDK2VuAyEA[A-Za-z0-9+/]{43}=$/, {
    message: 'BID_SEAL_PUBLIC_KEY must be an X25519 public key (SPKI DER, base64)',
  })
  BID_SEAL_PUBLIC_KEY?: string = undefined;

  /**
   * Workers only: the private key of BID_SEAL_PUBLIC_KEY (X25519 PKCS#8 DER, base64), which opens
   * the bids' files at the deadline. The API refuses to start with it.
   */
  @IsOptional()
  @Matches(/^MC4CAQAwBQYDK2VuBCIEI[A-Za-z0-9+/]{43}$/, {
    message: 'BID_SEAL_SECRET must be an X25519 private key (PKCS#8 DER, base64)',
  })
  BID_SEAL_SECRET?: string = undefined;
}

/** The seal's public key: BID_SEAL_PUBLIC_KEY, or the development key outside production. */
export const bidSealPublicKey = (env: Env) =>
  env.BID_SEAL_PUBLIC_KEY ?? (env.NODE_ENV === 'production' ? undefined : DEV_BID_SEAL_PUBLIC_KEY);

/** The workers' seal secret: BID_SEAL_SECRET, or the development key outside production. */
export const bidSealSecret = (env: Env) =>
  env.BID_SEAL_SECRET ?? (env.NODE_ENV === 'production' ? undefined : DEV_BID_SEAL_SECRET);

export class ConfigError extends Error {}

/** Parses and validates the environment; throws a ConfigError naming every bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const env = parse(Env, source, ['JWT_SECRET']);
  const errors = validateSync(env, { whitelist: false });
  errors.push(...webhookSecretErrors(env));
  if (
    env.NODE_ENV === 'production' &&
    [env.BID_SEAL_SECRET, env.BID_SEAL_PUBLIC_KEY].some(
      (k) => k === DEV_BID_SEAL_SECRET || k === DEV_BID_SEAL_PUBLIC_KEY,
    )
  )
    errors.push(
      Object.assign(new ValidationError(), {
        property: 'BID_SEAL_SECRET',
        constraints: { production: 'the development bid seal key must not be used in production' },
      }),
    );
  if (env.NODE_ENV !== 'production') env.STRIPE_WEBHOOK_SECRET ??= DEV_WEBHOOK_SECRET;
  return valid(env, errors);
}

/** Only the database CLI's settings, with the same rules and defaults as loadEnv's. */
export function loadDatabaseEnv(source: Record<string, string | undefined> = process.env): DatabaseEnv {
  const env = parse(DatabaseEnv, source);
  return valid(env, validateSync(env, { whitelist: false }));
}

/** The variables the class declares (unset or empty ones take its defaults). */
function parse<T extends object>(
  type: new () => T,
  source: Record<string, string | undefined>,
  withoutDefault: string[] = [],
): T {
  const known = new Set([...Object.keys(new type()), ...withoutDefault]);
  const defined = Object.fromEntries(
    Object.entries(source).filter(([k, v]) => known.has(k) && v !== undefined && v !== ''),
  );
  return plainToInstance(type, defined, { exposeDefaultValues: true });
}

function valid<T>(env: T, errors: ValidationError[]): T {
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `  ${e.property}: ${Object.values(e.constraints ?? { invalid: 'is invalid' }).join('; ')}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return env;
}

/**
 * Production never trusts a development webhook secret (anyone could sign events with it and
 * credit money), whether or not a Stripe key is set, and needs the real secret once Stripe is
 * configured. Unset outside production means the local fake's secret.
 */
function webhookSecretErrors(env: Env): ValidationError[] {
  if (env.NODE_ENV !== 'production') return [];
  const secrets = env.STRIPE_WEBHOOK_SECRET?.split(',') ?? [];
  const refusal = secrets.some((s) => s.startsWith(DEV_SECRET_PREFIX))
    ? 'STRIPE_WEBHOOK_SECRET must not be a development secret (whsec_dev…) in production'
    : !secrets.length && (env.STRIPE_SECRET_KEY || env.STRIPE_API_URL)
      ? 'STRIPE_WEBHOOK_SECRET must be set to the endpoint secret in production'
      : undefined;
  return refusal
    ? [
        Object.assign(new ValidationError(), {
          property: 'STRIPE_WEBHOOK_SECRET',
          constraints: { production: refusal },
        }),
      ]
    : [];
}
