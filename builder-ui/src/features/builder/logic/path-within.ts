/** `/builder/crm` and `/builder/crm/forms` are within `/builder/crm`; `/builder/crm2` is not. */
export function isWithin(pathname: string, base: string): boolean {
  return pathname === base || pathname.startsWith(`${base}/`)
}
