export { writeExport, type WriteExportOptions } from './write-export.js'
export { escapeCsvCell, neutralizeFormula } from './csv-cell.js'
