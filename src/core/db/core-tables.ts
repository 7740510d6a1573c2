import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type Timestamp = ColumnType<Date, Date, Date>;
type Json<T> = ColumnType<T, string, string>;

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: string;
  password_hash: string | null;
  /** Encrypted with the field-encryption helper. */
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  /** The time step of the last accepted code: a code is never accepted twice. */
  totp_last_step: number | null;
  setup_token_hash: string | null;
  setup_token_expires_at: Timestamp | null;
  failed_login_count: ColumnType<number, number | undefined, number>;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SessionTable {
  /** SHA-256 of the cookie value: a stolen table does not give usable sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  mfa_verified: boolean;
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  secret_hash: string;
  scopes: Json<string[]>;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface AuditEventTable {
  seq: number;
  occurred_at: Date;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  object_type: string | null;
  object_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

/** A signed statement that the chain's entry `seq` had `hash`; see src/core/audit/checkpoint.ts. */
export interface AuditCheckpointTable {
  seq: number;
  hash: string;
  signed_at: Date;
  key_id: string;
  signature: string;
}

export interface EncryptionKeyTable {
  id: string;
  purpose: string;
  wrapped_key: string;
  state: string;
  created_at: CreatedAt;
}

/** A fixed-window counter of one rate limit; see src/core/http/shared-rate-limit.ts. */
export interface RateCounterTable {
  /** A keyed hash (the keyring's blind index) of the limiter and its key: no IP or name is kept. */
  key: string;
  hits: number;
  expires_at: Date;
}

export interface CoreTables {
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_events: AuditEventTable;
  audit_checkpoints: AuditCheckpointTable;
  encryption_keys: EncryptionKeyTable;
  rate_counters: RateCounterTable;
}

export type { Generated };
