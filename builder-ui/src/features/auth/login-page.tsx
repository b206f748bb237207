import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useNavigate, useSearchParams } from 'react-router'
import { useT } from '../../i18n/i18n-context.js'
import { LanguageSwitch } from '../layout/language-switch.js'
import { useLogin } from './session-queries.js'

interface LoginValues {
  email: string
  password: string
}

/** Only same-site paths are followed after login, so a crafted `next` cannot send the user away. */
const safeNext = (next: string | null) => (next?.startsWith('/') && !next.startsWith('//') ? next : '/apps')

export function LoginPage() {
  const { t } = useT()
  const login = useLogin()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const onFinish = (v: LoginValues) =>
    login.mutate(v, { onSuccess: () => navigate(safeNext(params.get('next')), { replace: true }) })
  return (
    <main className="login-page">
      <Card className="login-card">
        <div className="login-head">
          <Typography.Title level={3}>{t('auth.title')}</Typography.Title>
          <LanguageSwitch />
        </div>
        {login.isError && (
          <Alert type="error" showIcon title={t('auth.failed', { message: login.error.message })} />
        )}
        <Form<LoginValues> layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
          <Form.Item
            label={t('auth.email')}
            name="email"
            rules={[{ required: true, message: t('auth.emailRequired') }]}
          >
            <Input type="email" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('auth.password')}
            name="password"
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('auth.signIn')}
          </Button>
        </Form>
      </Card>
    </main>
  )
}
