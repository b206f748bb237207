import { Input } from 'antd'
import { useT } from '../../../i18n/i18n-context.js'
import type { WidgetProps } from './widget-props.js'

export interface Address {
  country?: string
  province?: string
  city?: string
  street?: string
}

const PARTS = ['country', 'province', 'city', 'street'] as const

/** Country, province/state, city, street; an address with every part blank is no value. */
export function AddressInput({ value, onChange, id, invalid }: WidgetProps<Address>) {
  const { t } = useT()
  const labels = {
    country: t('form.country'),
    province: t('form.province'),
    city: t('form.city'),
    street: t('form.street'),
  }
  const set = (part: (typeof PARTS)[number], v: string) => {
    const next: Address = { ...value, [part]: v || undefined }
    onChange(PARTS.some((p) => next[p]) ? next : undefined)
  }
  return (
    <div className="address-input" id={id}>
      {PARTS.map((p) => (
        <Input
          key={p}
          aria-label={labels[p]}
          placeholder={labels[p]}
          status={invalid ? 'error' : undefined}
          className={p === 'street' ? 'address-street' : undefined}
          value={value?.[p] ?? ''}
          autoComplete={
            p === 'country'
              ? 'country-name'
              : p === 'street'
                ? 'street-address'
                : p === 'city'
                  ? 'address-level2'
                  : 'address-level1'
          }
          onChange={(e) => set(p, e.target.value)}
        />
      ))}
    </div>
  )
}
