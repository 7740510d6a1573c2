// Placeholder while the database test harness is written; pure unit tests need nothing here.
export default async function setup(): Promise<void> {}
