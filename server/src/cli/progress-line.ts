import type { ImportProgress } from '../import/index.js'

/** A one-line progress display on stderr: rows read, imported, failed, and rows per second. */
export function createProgressLine(dryRun = false, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now()
  let last = 0
  const render = (p: ImportProgress) => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001)
    const rate = Math.round(p.read / seconds)
    const text = `  ${p.read} rows read · ${p.imported} ${dryRun ? 'would import' : 'imported'} · ${p.updated} ${dryRun ? 'would update' : 'updated'} · ${p.failed} failed · ${rate} rows/s`
    if (stream.isTTY) stream.write(`\r${text.padEnd(90)}`)
    else stream.write(`${text}\n`)
  }
  return {
    update(p: ImportProgress) {
      // A TTY redraws ten times a second; a log file gets a line every two seconds.
      const every = stream.isTTY ? 100 : 2000
      if (Date.now() - last < every) return
      last = Date.now()
      render(p)
    },
    done(p: ImportProgress) {
      render(p)
      if (stream.isTTY) stream.write('\n')
    },
  }
}
