/** A FIFO mutex: PGlite is one Postgres session, so only one holder may talk to it at a time. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve()

  /** Resolves with a release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void
    const next = new Promise<void>((resolve) => {
      release = resolve
    })
    const ready = this.#tail.then(() => release)
    this.#tail = this.#tail.then(() => next)
    return ready
  }
}
