import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { setApiLanguage } from '../api/http.js'
import { en, type MessageKey } from './en.js'
import { browserLanguage, interpolate, type LabelLike, type Language, localize } from './label.js'
import { zhCN } from './zh-CN.js'

const catalogs: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN }
const STORAGE_KEY = 'tessera.language'

export interface I18n {
  lang: Language
  setLang: (lang: Language) => void
  /** a UI message by key */
  t: (key: MessageKey, values?: Record<string, string | number>) => string
  /** a user-authored label (form title, field label, option) */
  label: (value: LabelLike | undefined | null, fallback?: string) => string
}

const I18nContext = createContext<I18n | null>(null)

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY)
  if (saved === 'en' || saved === 'zh-CN') return saved
  return browserLanguage(navigator.languages ?? [navigator.language])
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage)
  useEffect(() => {
    setApiLanguage(lang)
    document.documentElement.lang = lang
  }, [lang])
  setApiLanguage(lang)
  const setLang = useCallback((l: Language) => {
    localStorage.setItem(STORAGE_KEY, l)
    setLangState(l)
  }, [])
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, values) => interpolate(catalogs[lang][key], values),
      label: (v, fallback) => localize(v, lang, fallback),
    }),
    [lang, setLang],
  )
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useT(): I18n {
  const ctx = useContext(I18nContext)
  if (!ctx) throw new Error('useT outside I18nProvider')
  return ctx
}
