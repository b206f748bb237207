import { Select } from 'antd'
import { useT } from '../../i18n/i18n-context.js'
import { LANGUAGES, type Language } from '../../i18n/label.js'

const names: Record<Language, string> = { 'zh-CN': '简体中文', en: 'English' }

/** Switches the UI language; the choice is remembered in this browser. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useT()
  return (
    <Select<Language>
      aria-label={t('nav.language')}
      value={lang}
      onChange={setLang}
      options={LANGUAGES.map((l) => ({ value: l, label: names[l] }))}
      className="language-switch"
    />
  )
}
