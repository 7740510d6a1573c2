export { appendAuditEntry as recordAudit, listAuditEntries, type AuditInput, type AuditQuery } from './store.ts';
export { verifyAuditChain, type ChainStatus, type ChainBreak } from './verify.ts';
export { systemActor, type Actor } from './actor.ts';
