export * from './import/index.js'
export * from './export/index.js'
export * from './demo/index.js'
