/**
 * The share module's public face: TAXII collections, publishing intel objects to them, and the release rule
 * (which TLP markings may leave). Other modules import this file only.
 */
export {
  createCollection,
  deleteCollection,
  updateCollection,
  findCollection,
  listCollections,
  type Collection,
  type CollectionInput,
} from './collections.ts';
export { publishObjects, type PublishResult } from './publish.ts';
export { releaseOf } from './release.ts';
export {
  subscribe,
  listSubscriptions,
  findSubscription,
  updateSubscription,
  unsubscribe,
  type SubscriptionInput,
  type SubscriptionChanges,
} from './client/subscriptions.ts';
export { pullSubscription, type PullResult } from './client/pull.ts';
export { publishSightings, MIN_CASES_PER_SIGHTING, type SightingsResult } from './sightings.ts';
