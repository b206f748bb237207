import type { Label } from '@tessera/schemas'

/** A label in the reader's language, else English, else the first it has. */
export const labelText = (label: Label | undefined, locale: string): string | undefined =>
  label === undefined
    ? undefined
    : typeof label === 'string'
      ? label
      : (label[locale] ?? label.en ?? Object.values(label)[0])

/** A person as the export writes them, `Name <email>`, which the import's member lookup reads back. */
export const personText = (user: { name: string; email: string }) =>
  user.name && user.name !== user.email ? `${user.name} <${user.email}>` : user.email
