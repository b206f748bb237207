import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { en } from '../../i18n/en.js'
import { zhCN } from '../../i18n/zh-CN.js'

/*
 * The builder's text as the code uses it, read from the source: every key it asks `t` for is in
 * both catalogs, and no English is written straight into its JSX (a zh-CN admin would see it).
 * The compiler checks `t`'s argument too, but a key built from a string, or text typed into JSX,
 * gets past it.
 */

const here = import.meta.dirname
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return files(path)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : []
  })
const sources = files(here).map((path) => ({
  name: relative(here, path),
  file: ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true),
}))

function walk(node: ts.Node, visit: (node: ts.Node) => void) {
  visit(node)
  node.forEachChild((child) => walk(child, visit))
}

/** Props whose string reaches the screen or a screen reader. */
const SHOWN_PROPS = new Set([
  'title',
  'placeholder',
  'aria-label',
  'alt',
  'label',
  'description',
  'message',
  'okText',
  'cancelText',
  'tooltip',
  'extra',
  'addonBefore',
  'addonAfter',
  'checkedChildren',
  'unCheckedChildren',
  'content',
  'help',
  'emptyText',
  'notFoundContent',
])
/**
 * Text that reads the same in both languages: codes, formats, and placeholders that show what
 * to type as code (a URL's start, a sort key, a member attribute's key).
 */
const SAME_IN_BOTH = new Set([
  'JSON',
  'ISO 8601',
  'URL',
  'ID',
  'JSON Logic',
  'AND',
  'OR',
  'SLA',
  'CSV',
  'https://',
  '-created_at',
  'region',
])
const english = (text: string) => {
  const trimmed = text.replace(/\s+/g, ' ').trim()
  return /[A-Za-z]{2,}/.test(trimmed) && !SAME_IN_BOTH.has(trimmed)
}

describe('builder text in the source', () => {
  it('asks only for keys both catalogs hold', () => {
    const missing: string[] = []
    const prefixes: string[] = []
    for (const { name, file } of sources) {
      walk(file, (node) => {
        if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 't')
          return
        const [arg] = node.arguments
        if (arg && ts.isStringLiteralLike(arg)) {
          const key = arg.text
          if (!(key in en) || !(key in zhCN)) missing.push(`${name}: ${key}`)
        } else if (arg && ts.isTemplateExpression(arg)) {
          const prefix = arg.head.text
          if (!Object.keys(zhCN).some((key) => key.startsWith(prefix))) prefixes.push(`${name}: ${prefix}…`)
        }
      })
    }
    expect(missing).toEqual([])
    expect(prefixes).toEqual([])
  })

  it('writes no English straight into JSX text or shown props', () => {
    const found: string[] = []
    for (const { name, file } of sources) {
      if (!name.endsWith('.tsx')) continue
      walk(file, (node) => {
        const where = () => `${name}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
        if (ts.isJsxText(node) && english(node.text)) found.push(`${where()} ${node.text.trim()}`)
        // {'Some text'} as a child
        if (
          ts.isJsxExpression(node) &&
          (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) &&
          node.expression &&
          ts.isStringLiteralLike(node.expression) &&
          english(node.expression.text)
        )
          found.push(`${where()} {'${node.expression.text}'}`)
        if (ts.isJsxAttribute(node) && SHOWN_PROPS.has(node.name.getText())) {
          const value = node.initializer
          const literal =
            value && ts.isJsxExpression(value) && value.expression && ts.isStringLiteralLike(value.expression)
              ? value.expression
              : value && ts.isStringLiteral(value)
                ? value
                : undefined
          if (literal && english(literal.text))
            found.push(`${where()} ${node.name.getText()}="${literal.text}"`)
        }
      })
    }
    expect(found).toEqual([])
  })
})
