import type { Page } from './browser.js'

/** Signs in through the login page as a person does, and waits for the apps list. */
export async function signIn(page: Page, url: string, email: string, password: string) {
  await page.goto(`${url}/login`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(/\/apps$/)
}
