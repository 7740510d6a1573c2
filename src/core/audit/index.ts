export {
  appendAuditEntry as recordAudit,
  appendAuditEntries as recordAudits,
  listAuditEntries,
  type AuditInput,
  type AuditQuery,
} from './store.ts';
export { verifyAuditChain, type ChainStatus, type ChainBreak, type VerifyOptions } from './verify.ts';
export { systemActor, type Actor } from './actor.ts';
export { checkpointSignatureProblem, parseCheckpoints, MalformedCheckpoint, type Checkpoint } from './checkpoint.ts';
export { checkpointFilePath, latestCheckpoint, writeCheckpoint, type CheckpointResult } from './checkpoint-service.ts';
export { loadAuditSigningKey, keyIdOf, publicKeyPem, type AuditSigningKey } from './signing-key.ts';
