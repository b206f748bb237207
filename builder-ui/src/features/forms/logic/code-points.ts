/**
 * Length in Unicode code points: the unit of JSON Schema `maxLength`, ajv and Postgres varchar(n)
 * (C1). `"a😀b"` is 3, though `.length` says 4. The same function the server's checks use.
 */
export { codePointLength } from '@tessera/schemas'
