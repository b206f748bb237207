import { type AppDefinition, type ImportProfile, parseImportProfile } from '@tessera/schemas'
import crmApp from './crm/app.json' with { type: 'json' }
import crmPipelineProfile from './crm/profiles/crm-pipeline.json' with { type: 'json' }
import leadsEducationProfile from './crm/profiles/leads-education.json' with { type: 'json' }

/** The CRM app definition: operations hand leads to sales (templates/crm/app.json). */
export const crmTemplate = crmApp as unknown as AppDefinition

/** The import profiles shipped with the CRM template, by key. */
export const crmImportProfiles: Record<string, ImportProfile> = {
  'leads-education': parseImportProfile(leadsEducationProfile),
  'crm-pipeline': parseImportProfile(crmPipelineProfile),
}

/** A shipped template: the definition and the import profiles an admin is offered for it. */
export interface Template {
  key: string
  definition: AppDefinition
  profiles: ImportProfile[]
}

/** Every template shipped with the product; the CRM first. */
export const templates: Template[] = [
  { key: 'crm', definition: crmTemplate, profiles: Object.values(crmImportProfiles) },
]
