export * from './app-definition.js'
