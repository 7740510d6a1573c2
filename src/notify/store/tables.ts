import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { Database, Executor } from '../../core/db/database.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type NoticeState = 'pending_approval' | 'approved' | 'delivered' | 'failed' | 'suppressed';
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'dead';
export type Channel = 'email' | 'webhook';

export interface PolicyTable {
  actor: string;
  mode: 'auto' | 'approval';
  min_confidence: number;
  approvals_required: number;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface SuppressionTable {
  subject_index: string;
  reason: string;
  created_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface NoticeTable {
  id: string;
  case_id: string;
  subject_index: string;
  /** The actor of the case: a person is not notified twice for one campaign within the window. */
  campaign: string;
  /** The case's country when an analyst set it: for the published figures. */
  country: string | null;
  language: string;
  state: NoticeState;
  requested_by: string;
  approvals: ColumnType<string[], string, string>;
  approvals_required: number;
  first_detected_at: Timestamp;
  created_at: ColumnType<Date, Date | undefined, never>;
  delivered_at: Timestamp | null;
}

export interface DeliveryTable {
  id: string;
  notice_id: string;
  channel: Channel;
  status: DeliveryStatus;
  attempts: ColumnType<number, number | undefined, number>;
  claimed_at: Timestamp | null;
  /** The attempt holding the lease (set when claimed): only it may settle the delivery. */
  attempt_id: string | null;
  /** When a queued delivery's next attempt is due (workers claim it then); null while an attempt runs or once settled. */
  next_attempt_at: Timestamp | null;
  /** When the running attempt's lease ends: past it, the row returns to queued for another worker. */
  lease_until: Timestamp | null;
  last_error: string | null;
  sent_at: Timestamp | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type NotifyTables = {
  notify_policies: PolicyTable;
  notify_suppressions: SuppressionTable;
  notify_notices: NoticeTable;
  notify_deliveries: DeliveryTable;
};

export type NotifyDb = Kysely<Database & NotifyTables> | Transaction<Database & NotifyTables>;
export const notifyDb = (executor: Executor): NotifyDb => executor.withTables<NotifyTables>();
