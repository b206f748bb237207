/** The stores cross-package tests run on: PGlite always, PostgreSQL too when DATABASE_URL is set. */
export { testDatabases, type TestDatabase } from '@tessera/runtime'
/** Engine fixtures: a movable clock, the small lead app, members with roles. */
export { ADMIN, addMembers, leadApp, manualClock } from '@tessera/runtime'
