/** The stores cross-package tests run on: PGlite always, PostgreSQL too when DATABASE_URL is set. */
export { testDatabases, type TestDatabase } from '@tessera/runtime'
