/** The decimals a money field stores when it names none: cents. */
export const moneyScale = (decimals: number | undefined): number => decimals ?? 2

/**
 * The decimals a numeric field stores: money at its scale (2 unless `decimals` says), number and
 * percent at most `decimals` when set (else canonical). Server and UI both read it from here.
 */
export const decimalScale = (field: { type: string; decimals?: number | undefined }): number | undefined =>
  field.type === 'money' ? moneyScale(field.decimals) : field.decimals
