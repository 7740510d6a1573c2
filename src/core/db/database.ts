import type { Kysely, Transaction } from 'kysely';
import type { CoreTables } from './core-tables.ts';

/**
 * Every table Accord knows, as one Kysely type. Each module declares its own tables and adds them here;
 * only a module's own store functions query its tables.
 */
export type Database = CoreTables;

export type Db = Kysely<Database>;
/** A database handle or an open transaction: store functions accept either, services decide. */
export type Executor = Kysely<Database> | Transaction<Database>;
/**
 * An open transaction, and only that: `Transaction` declares `isTransaction: true`, so a plain database handle does
 * not type-check where one is required (the audit append, whose lock lasts as long as the transaction).
 */
export type DbTransaction = Transaction<Database>;
