import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Command, Option } from 'commander'
import { fromUser } from './cli/cli-paths.js'
import type { DepartmentAction } from './cli/department-commands.js'
import { LOCKED_EXIT, lockedMessage, StoreLockedError } from './cli/store-locked.js'

// Commands load their modules when they run: `--help` and `check` never start the database code.
const commands = {
  backup: () => import('./backup/index.js'),
  check: () => import('./cli/check-command.js'),
  demo: () => import('./cli/demo-command.js'),
  departments: () => import('./cli/department-commands.js'),
  export: () => import('./cli/export-command.js'),
  import: () => import('./cli/import-command.js'),
  local: () => import('./cli/open-local.js'),
  remote: () => import('./cli/local-or-remote.js'),
  start: () => import('./cli/start-command.js'),
  users: () => import('./cli/user-commands.js'),
}

/** Every command that touches the store: --data, or DATABASE_URL, as `start` does. */
const dataOption = () =>
  new Option('--data <dir>', 'embedded data directory (ignored when DATABASE_URL is set)').default('./data')
const remoteOptions = (cmd: Command) =>
  cmd
    .option('--url <url>', 'work through this running server only (the local data is not opened)')
    .option('--token <token>', 'an API token for --url (tessera token create)')
/** Commands that need the database itself: --url is refused with the reason, not ignored. */
const localOnly = (cmd: Command) =>
  cmd
    .addOption(new Option('--url <url>', 'not available: this command needs the database itself').hideHelp())
    .addOption(new Option('--token <token>').hideHelp())
/** The refusal of --url for a local-only command, as an exit code. */
const refusedRemote = async (opts: { url?: string; token?: string }, name: string) =>
  (await commands.remote()).refuseRemote(opts, name, (l) => console.error(l))

const example = (text: string) => `\nExample:\n  ${text}\n`

/**
 * Prints why a command failed and answers its exit code: its message, never a stack, and 1; a data
 * directory held by a running server is one answer for every command that opens it, exit 2 (a
 * command that can go through --url says so itself, in localOrRemote).
 */
const failed = (err: unknown): number => {
  if (err instanceof StoreLockedError) {
    console.error(lockedMessage(err, 'local'))
    return LOCKED_EXIT
  }
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`)
  if (process.env.TESSERA_DEBUG) console.error(err)
  return 1
}

/** Sets the exit code from a command's answer, or from its failure. */
const run = (fn: () => Promise<number | undefined>) => async () => {
  try {
    const code = await fn()
    if (typeof code === 'number') process.exitCode = code
  } catch (err) {
    process.exitCode = failed(err)
  }
}

export function createCli(): Command {
  const program = new Command('tessera')
    .description('Tessera: forms and workflows on PostgreSQL (embedded PGlite by default)')
    .showHelpAfterError()

  program
    .command('start')
    .description('serve the API, its docs and the UI; installs the CRM template on first run')
    .option('--port <port>', 'port to listen on', '3000')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option(
      '--smtp-url <url>',
      'SMTP server for e-mail notifications, e.g. smtp://user:pass@mail.example.com:587 (TESSERA_SMTP_URL)',
    )
    .option(
      '--smtp-from <address>',
      'From address of those e-mails, e.g. "Tessera <tessera@example.com>" (TESSERA_SMTP_FROM)',
    )
    .option(
      '--public-url <url>',
      'the address people open Tessera at, for links in e-mails and chat messages (TESSERA_PUBLIC_URL)',
    )
    .option(
      '--rate-limit <n>',
      'API requests a minute per client address before 429, 0 for no limit (TESSERA_RATE_LIMIT; default 3000)',
    )
    .addOption(dataOption())
    .addHelpText(
      'after',
      example(
        'TESSERA_ADMIN_EMAIL=me@example.com TESSERA_ADMIN_PASSWORD=... pnpm tessera start --port 3000 --data ./data',
      ),
    )
    .action(async (opts: import('./cli/start-command.js').StartFlags) => {
      const { runStart } = await commands.start()
      // exit, not exitCode: a start that failed half-way may hold open handles
      await runStart(opts).catch((err: unknown) => process.exit(failed(err)))
    })

  program
    .command('check <app.json>')
    .description(
      'verify an app definition: one `<json-pointer>: <code>: <message>` line per problem, exit 1 if any',
    )
    .option('--json', 'print the problem list as JSON')
    .addOption(new Option('--lang <lang>', 'message language').choices(['en', 'zh-CN']).default('en'))
    .addHelpText('after', example('pnpm tessera check templates/crm/app.json'))
    .action((file: string, opts: { json?: boolean; lang: 'en' | 'zh-CN' }) =>
      run(async () =>
        (await commands.check()).runCheck(
          { file: fromUser(file), json: opts.json ?? false, lang: opts.lang },
          { stdout: (l) => console.log(l), stderr: (l) => console.error(l) },
        ),
      )(),
    )

  remoteOptions(
    program
      .command('import <file>')
      .description('import a CSV or XLSX into a form, with a progress line and a summary')
      .requiredOption('--app <app>', 'app key')
      .requiredOption('--form <form>', 'form key')
      .option('--profile <name>', 'a shipped import profile, e.g. leads-education')
      .option('--dry-run', 'check every row, write nothing')
      .option(
        '--skip-duplicates',
        "skip a row whose value for the app's duplicate rule (the CRM: the e-mail) a stored record already has, instead of creating it flagged",
      )
      .option('--errors <out.csv>', 'write the per-row problems to this CSV')
      .option('--encoding <encoding>', 'the file encoding (utf-8, gbk, windows-1252…); detected when absent')
      .option(
        '--delimiter <delimiter>',
        'the CSV separator: comma, semicolon, tab or pipe (or the character); detected from the header when absent',
      )
      .addOption(dataOption()),
  )
    .addHelpText(
      'after',
      example(
        'pnpm tessera import ../shared/data/leads-education.csv --app crm --form lead --profile leads-education --errors errors.csv',
      ),
    )
    .action((file: string, opts) => run(async () => (await commands.import()).runImportCommand(file, opts))())

  remoteOptions(
    program
      .command('export')
      .description('export a form’s records as CSV or XLSX (formula cells neutralised)')
      .requiredOption('--app <app>', 'app key')
      .requiredOption('--form <form>', 'form key')
      .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx']).default('csv'))
      .option('--out <file>', 'write here instead of stdout')
      .option('--filter <json>', 'the list filter, e.g. {"state": {"in": ["new"]}}')
      .option('--sort <sort>', '`field` or `-field`, comma separated')
      .addOption(dataOption()),
  )
    .addHelpText('after', example('pnpm tessera export --app crm --form lead --format xlsx --out leads.xlsx'))
    .action((opts) => run(async () => (await commands.export()).runExportCommand(opts))())

  localOnly(program.command('migrate'))
    .description('bring the database schema up to date (start does this too)')
    .addOption(dataOption())
    .addHelpText(
      'after',
      example('DATABASE_URL=postgres://postgres@127.0.0.1:5432/tessera pnpm tessera migrate'),
    )
    .action((opts: { data: string; url?: string }) =>
      run(async () => {
        const refused = await refusedRemote(opts, 'migrate')
        if (refused !== null) return refused
        // a locked directory is exit 2 like every command's (the running server has migrated it)
        const local = await (await commands.local()).openLocal(opts)
        await local.close()
        console.log(
          `The schema is up to date (${local.dataDir ? `embedded, ${local.dataDir}` : 'PostgreSQL'}).`,
        )
        return 0
      })(),
    )

  localOnly(program.command('demo <dir>'))
    .description('run the CRM on the real datasets in a folder: import, qualify, hand off, convert, report')
    .addOption(dataOption())
    .addHelpText(
      'after',
      example(
        'pnpm tessera demo ../shared/data --data ./demo-data   # then: pnpm tessera start --data ./demo-data',
      ),
    )
    .action((dir: string, opts: { data: string; url?: string }) =>
      run(
        async () => (await refusedRemote(opts, 'demo')) ?? (await commands.demo()).runDemoCommand(dir, opts),
      )(),
    )

  localOnly(program.command('backup <file>'))
    .description('write every table to a JSON-lines file, from one consistent transaction')
    .addOption(dataOption())
    .addHelpText('after', example('pnpm tessera backup tessera.backup.jsonl --data ./data'))
    .action((file: string, opts: { data: string; url?: string }) =>
      run(
        async () => (await refusedRemote(opts, 'backup')) ?? (await commands.backup()).runBackup(file, opts),
      )(),
    )

  localOnly(program.command('restore <file>'))
    .description('restore a backup into an empty database (migrations run first), all or nothing')
    .addOption(dataOption())
    .addHelpText('after', example('pnpm tessera restore tessera.backup.jsonl --data ./restored'))
    .action((file: string, opts: { data: string; url?: string }) =>
      run(
        async () =>
          (await refusedRemote(opts, 'restore')) ?? (await commands.backup()).runRestore(file, opts),
      )(),
    )

  const user = program.command('user').description('platform users')
  remoteOptions(
    user
      .command('add')
      .description('create a user (a password is generated and printed once when none is given)')
      .requiredOption('--email <email>', 'sign-in email')
      .option('--name <name>', 'display name')
      .option('--password <password>', 'at least 10 characters, not all blank')
      .option('--admin', 'make them a platform admin')
      .addOption(dataOption()),
  )
    .addHelpText('after', example('pnpm tessera user add --email rep@example.com --name "Rep One"'))
    .action((opts) => run(async () => (await commands.users()).runUserAdd(opts))())

  remoteOptions(
    user
      .command('password <email>')
      .description('set a user’s password (generated and printed once when --password is not given)')
      .option('--password <password>', 'at least 10 characters, not all blank')
      .addOption(dataOption()),
  )
    .addHelpText('after', example('pnpm tessera user password rep@example.com'))
    .action((email: string, opts) => run(async () => (await commands.users()).runUserPassword(email, opts))())

  for (const [name, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const)
    remoteOptions(
      user
        .command(`${name} <email>`)
        .description(
          active
            ? 'let a deactivated user sign in and take work again'
            : 'stop a user: signed out, never picked by a rule again; prints how many open items they hold',
        )
        .addOption(dataOption()),
    )
      .addHelpText('after', example(`pnpm tessera user ${name} rep@example.com`))
      .action((email: string, opts) =>
        run(async () => (await commands.departments()).runUserActive(email, active, opts))(),
      )

  const department = program
    .command('department')
    .description('the platform departments: a tree with heads and members (assignee rules name them)')
  const dept = (
    spec: string,
    description: string,
    sample: string,
    toAction: (
      args: string[],
      opts: Record<string, string | boolean | undefined>,
    ) => DepartmentAction | string,
  ) => {
    const cmd = remoteOptions(department.command(spec).description(description).addOption(dataOption()))
    cmd.addHelpText('after', example(`pnpm tessera department ${sample}`))
    return cmd.action((...received: unknown[]) =>
      run(async () => {
        // commander passes the arguments, then the options, then the command
        const args = received.slice(0, -2) as (string | undefined)[]
        const opts = received.at(-2) as Record<string, string | boolean | undefined> & {
          data: string
          url?: string
          token?: string
        }
        const action = toAction(
          args.filter((a): a is string => a !== undefined),
          opts,
        )
        if (typeof action === 'string') {
          console.error(`error: ${action}`)
          return 1
        }
        return (await commands.departments()).runDepartmentCommand(action, opts)
      })(),
    )
  }
  dept('list', 'print the tree with heads and members', 'list', () => ({ kind: 'list' }))
  dept(
    'add <key>',
    'create a department, at the root or under --parent',
    'add sales_east --name "Sales East" --parent sales --head lea@example.com',
    ([key], o) => ({
      kind: 'add',
      key: key as string,
      name: typeof o.name === 'string' ? o.name : (key as string),
      ...(typeof o.parent === 'string' ? { parent: o.parent } : {}),
      ...(typeof o.head === 'string' ? { head: o.head } : {}),
    }),
  )
    .option('--name <name>', 'display name (default: the key)')
    .option('--parent <key>', 'the parent department')
    .option('--head <email>', 'the head')
  dept(
    'rename <key> <name>',
    'change a department’s display name',
    'rename sales_east "Sales East Coast"',
    ([key, name]) => ({
      kind: 'rename',
      key: key as string,
      name: name as string,
    }),
  )
  dept(
    'move <key> [parent]',
    'move a department under another (or to the root with --root); a cycle is refused',
    'move sales_east sales',
    ([key, parent], o) =>
      o.root && parent
        ? 'give a parent or --root, not both'
        : !o.root && !parent
          ? 'give the new parent, or --root to move it to the root'
          : { kind: 'move', key: key as string, parent: parent ?? null },
  ).option('--root', 'move to the root')
  dept(
    'remove <key>',
    'delete an empty department (no sub-departments, no members)',
    'remove sales_east',
    ([key]) => ({
      kind: 'remove',
      key: key as string,
    }),
  )
  dept(
    'set-head <key> [email]',
    'set the head of a department (or clear it with --none)',
    'set-head sales_east lea@example.com',
    ([key, email], o) =>
      o.none && email
        ? 'give an email or --none, not both'
        : !o.none && !email
          ? 'give the head’s email, or --none to clear the head'
          : { kind: 'set-head', key: key as string, head: email ?? null },
  ).option('--none', 'clear the head')
  dept(
    'add-member <key> <email>',
    'add a user to a department',
    'add-member sales_east rep@example.com',
    ([key, email]) => ({
      kind: 'add-member',
      key: key as string,
      email: email as string,
    }),
  )
  dept(
    'remove-member <key> <email>',
    'remove a user from a department',
    'remove-member sales_east rep@example.com',
    ([key, email]) => ({
      kind: 'remove-member',
      key: key as string,
      email: email as string,
    }),
  )

  const token = program.command('token').description('API tokens for scripts')
  remoteOptions(
    token
      .command('create')
      .description('create an API token for a user; printed once, stored hashed')
      .requiredOption('--email <email>', 'the user the token acts as')
      .requiredOption('--name <name>', 'what the token is for')
      .addOption(dataOption()),
  )
    .addHelpText(
      'after',
      example('pnpm tessera token create --email admin@example.com --name nightly-export'),
    )
    .action((opts) => run(async () => (await commands.users()).runTokenCreate(opts))())

  return program
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href
if (isMain || process.env.TESSERA_CLI === '1') await createCli().parseAsync(process.argv)
