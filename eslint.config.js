// Lint rules, including the layer arrows of docs/architecture.md: each folder may import only the
// folders its arrows allow. The arrows are enforced here, not by goodwill.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** Every folder under src/ that is a layer. */
const FOLDERS = ['core', 'fs', 'manifest', 'settings', 'config', 'app', 'engine', 'storage', 'auth', 'drivers', 'artifacts', 'health', 'http', 'cli', 'client', 'github', 'demo']

/** Every folder but `name` and the ones it may import. */
const except = (name, ...allowed) => FOLDERS.filter((other) => other !== name && !allowed.includes(other))

const folder = (name) => [`../${name}/*`, `../../${name}/*`, `../../../${name}/*`, `../${name}/**`, `../../${name}/**`]

/** `no-restricted-imports` for files under `src/<layer>/` that must not reach `forbidden`. */
const layer = (name, forbidden, { node = true } = {}) => ({
  files: [`src/${name}/**/*.ts`],
  ignores: ['**/*.test.ts', '**/*.contract.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbidden.map((other) => ({
            group: folder(other),
            message: `${name}/ may not import ${other}/ (see docs/architecture.md)`,
          })),
          ...(node ? [] : [{ group: ['node:*'], message: `${name}/ is pure: no node:* imports` }]),
        ],
        paths: node ? [] : ['fs', 'path', 'child_process', 'crypto', 'os', 'http', 'net'].map((name) => ({ name, message: 'core/ is pure' })),
      },
    ],
  },
})

const BROWSER_GLOBALS = Object.fromEntries(
  ['window', 'document', 'navigator', 'location', 'history', 'fetch', 'EventSource', 'URL', 'URLSearchParams', 'HTMLElement', 'Event', 'MessageEvent', 'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'].map(
    (name) => [name, 'readonly'],
  ),
)

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/dist/**', 'coverage/**', 'schema/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `import { type X } from 'pkg'` keeps `import 'pkg'` under verbatimModuleSyntax: a package loaded for nothing
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'max-params': ['error', 4],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } },
  },
  {
    // the dashboard runs in the browser and reaches the server only over the HTTP API
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: BROWSER_GLOBALS },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/*', '../../src/**', 'node:*'], message: 'web/ talks to the server only over the HTTP API' }] }],
    },
  },
  layer('core', except('core'), { node: false }),
  // the rooms below both config/ and drivers/, artifacts/ and drivers/: each knows only core/ (fs/ not even that)
  layer('fs', except('fs', ...FOLDERS)),
  layer('manifest', except('manifest', 'core')),
  layer('settings', except('settings', 'core')),
  layer('config', ['app', 'engine', 'storage', 'drivers', 'http', 'cli', 'client', 'artifacts', 'health', 'demo', 'fs', 'manifest']),
  layer('app', ['engine', 'storage', 'drivers', 'http', 'cli', 'client', 'artifacts', 'demo', 'fs', 'manifest']),
  layer('engine', ['storage', 'http', 'cli', 'client', 'artifacts', 'demo']),
  layer('storage', except('storage', 'core')),
  // auth/ verifies credentials against the AuthStore port and the policy; app/ uses its token format
  layer('auth', ['app', 'engine', 'storage', 'drivers', 'http', 'cli', 'config', 'client', 'artifacts', 'health', 'demo', 'fs', 'manifest', 'settings']),
  layer('drivers', ['app', 'engine', 'storage', 'http', 'cli', 'config', 'client', 'artifacts', 'health', 'demo']),
  layer('artifacts', ['app', 'engine', 'storage', 'drivers', 'http', 'cli', 'client', 'health', 'demo']),
  layer('health', except('health', 'core')),
  layer('cli', ['app', 'engine', 'storage', 'drivers', 'artifacts', 'health', 'demo']),
  layer('client', ['storage', 'drivers', 'http', 'cli', 'demo']),
)
