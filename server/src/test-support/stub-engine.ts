import { type Engine, TesseraError } from '@tessera/runtime'

/** An engine for route tests that never reach it: any call is a test failure, loudly. */
export const stubEngine = (): Engine => {
  const refuse = async (): Promise<never> => {
    throw new TesseraError('INTERNAL', { en: 'stub engine called', 'zh-CN': '调用了桩引擎' })
  }
  return {
    publish: refuse,
    submit: refuse,
    update: refuse,
    transition: refuse,
    decide: refuse,
    get: refuse,
    list: refuse,
    events: refuse,
    runDueTimers: async () => 0,
    deliverOutbox: async () => 0,
  }
}
