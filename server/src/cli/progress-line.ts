import type { ImportProgress } from '../import/index.js'

/**
 * A one-line progress display on stderr: rows read, imported, failed, and rows per second. `done`
 * draws the final counts once (not again when the last update already showed them) and ends it:
 * nothing is drawn after it, so the summary that follows is the last thing printed.
 */
export function createProgressLine(dryRun = false, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now()
  let last = 0
  let shown = ''
  let finished = false
  const counts = (p: ImportProgress) => `${p.read}/${p.imported}/${p.updated}/${p.failed}`
  const render = (p: ImportProgress) => {
    shown = counts(p)
    const seconds = Math.max((Date.now() - started) / 1000, 0.001)
    const rate = Math.round(p.read / seconds)
    const text = `  ${p.read} rows read · ${p.imported} ${dryRun ? 'would import' : 'imported'} · ${p.updated} ${dryRun ? 'would update' : 'updated'} · ${p.failed} failed · ${rate} rows/s`
    if (stream.isTTY) stream.write(`\r${text.padEnd(90)}`)
    else stream.write(`${text}\n`)
  }
  return {
    update(p: ImportProgress) {
      if (finished) return
      // A TTY redraws ten times a second; a log file gets a line every two seconds.
      const every = stream.isTTY ? 100 : 2000
      if (Date.now() - last < every) return
      last = Date.now()
      render(p)
    },
    done(p: ImportProgress) {
      if (finished) return
      finished = true
      if (counts(p) !== shown) render(p)
      if (stream.isTTY && shown !== '') stream.write('\n')
    },
  }
}
