import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { App as AntApp, ConfigProvider } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCNLocale from 'antd/locale/zh_CN'
import type { ReactNode } from 'react'
import { ApiError } from './api/api-error.js'
import { I18nProvider, useT } from './i18n/i18n-context.js'

// A 4xx will not fix itself on retry; only network blips are retried.
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      staleTime: 10_000,
    },
  },
})

function LocalizedAntd({ children }: { children: ReactNode }) {
  const { lang } = useT()
  return (
    <ConfigProvider
      locale={lang === 'zh-CN' ? zhCNLocale : enUS}
      // antd spaces out a two-character Chinese button ("数 字"): the palette and dialogs read oddly
      button={{ autoInsertSpace: false }}
      theme={{
        // darker secondary text and links than antd's defaults: WCAG AA contrast (4.5:1) on white and grey
        token: {
          colorPrimary: '#3056d3',
          colorLink: '#2445b5',
          // danger buttons and error text: antd's #ff4d4f is 3.9:1 on white
          colorError: '#cf1322',
          colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
          colorTextDescription: 'rgba(0, 0, 0, 0.62)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
          colorTextQuaternary: 'rgba(0, 0, 0, 0.55)',
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  )
}

/** Query cache, language and antd theme/locale for the whole app (team side and builder). */
export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <LocalizedAntd>{children}</LocalizedAntd>
      </I18nProvider>
    </QueryClientProvider>
  )
}
