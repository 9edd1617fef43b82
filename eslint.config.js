// Lint: type-aware TypeScript rules, React hooks rules, and the runtime boundaries of the
// architecture (what each folder may import), checked on every run with zero warnings allowed.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'worker_threads',
];
const noNodeNoElectron = {
  paths: [
    { name: 'electron', message: 'Only electron/ may use Electron; go through the host contract.' },
    ...nodeBuiltins.map((name) => ({ name, message: 'No Node modules outside electron/ and test/.' })),
  ],
  patterns: [
    { group: ['node:*'], message: 'No Node modules outside electron/ and test/.' },
    {
      group: ['**/electron/**', '!**/electron-builder'],
      message: 'The renderer and shared code never import the shell.',
    },
  ],
};

/** One layer's import rule: the runtime boundaries plus the folders it must not reach. */
function layerRule(files, forbidden) {
  return {
    files,
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: noNodeNoElectron.paths, patterns: [...noNodeNoElectron.patterns, ...forbidden] },
      ],
    },
  };
}

function rendererLayers() {
  const above = (folders, message) => ({ regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message });
  const throughIndex = {
    regex: '(^|/)(vault|search|sync)/',
    message: 'vault/, search/ and sync/ are imported only through their index.ts.',
  };
  const noReact = { regex: '^react(-dom)?(/|$)', message: 'vault/ never imports React: hooks live in ui/.' };
  const features = above(['features'], 'Only app/ mounts features, through their index.ts.');
  const app = above(['app'], 'app/ is the composition root: nothing imports it.');
  return [
    layerRule(
      ['renderer/app/**/*.{ts,tsx}'],
      [
        throughIndex,
        { regex: '(^|/)features/[^/]+/', message: 'A feature is imported through its index.ts only.' },
      ],
    ),
    layerRule(
      ['renderer/features/**/*.{ts,tsx}'],
      [
        throughIndex,
        app,
        { regex: '^\\.\\./[^./][^/]*/', message: 'Another feature is imported through its index.ts only.' },
        {
          regex: '^(\\.\\./){2,}features/',
          message: 'Another feature is imported through its index.ts only.',
        },
      ],
    ),
    layerRule(['renderer/ui/**/*.{ts,tsx}'], [throughIndex, app, features]),
    layerRule(
      ['renderer/session/**/*.{ts,tsx}'],
      [throughIndex, app, features, above(['ui'], 'session/ sits below ui/.')],
    ),
    layerRule(
      ['renderer/{commands,backup,host,sync}/**/*.{ts,tsx}'],
      [
        throughIndex,
        above(['app', 'features', 'ui', 'session'], 'This folder sits below the UI and the session.'),
      ],
    ),
    layerRule(
      ['renderer/search/**/*.{ts,tsx}'],
      [
        above(
          ['app', 'features', 'ui', 'session', 'commands', 'backup', 'host', 'vault'],
          'search/ sits at the bottom.',
        ),
      ],
    ),
    layerRule(
      ['renderer/vault/**/*.{ts,tsx}'],
      [
        noReact,
        above(
          ['app', 'features', 'ui', 'session', 'commands', 'backup', 'host', 'search'],
          'vault/ sits at the bottom.',
        ),
      ],
    ),
  ];
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      '.tsbuild/**',
      'bench/**',
      'coverage/**',
      // StrykerJS's sandbox copies of the project and its reports (`npm run mutate`).
      '.stryker-tmp/**',
      'reports/**',
      '**/*.min.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            '*.js',
            '*.mjs',
            'build/scripts/*.mjs',
            'test/soak/*.mjs',
            'test/mutation/*.mjs',
          ],
          // The plain Node scripts (build, bench, fuzz, soak, mutation): about ten small files.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 16,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'smart'],
      // Handlers are async by contract even when a given one has nothing to await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node },
  },
  {
    files: [
      'build/scripts/**',
      'test/**',
      'electron/web/cli.ts',
      '**/*.test.ts',
      '**/*.test.tsx',
      '*.config.ts',
    ],
    rules: {
      'no-console': 'off',
      // Test matchers (expect.objectContaining, expect.any) are typed `any` by vitest.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', noNodeNoElectron],
    },
    languageOptions: { globals: globals.browser },
  },
  // The renderer's layers, top to bottom: app/ (composition root) → features/<name>/ → ui/ →
  // session/ → commands/, backup/, host/ → vault/, search/ (and shared/ below everything).
  // A folder imports only folders below it; a feature reaches another feature, and anyone reaches
  // vault/ and search/, only through its index.ts. (Tests may reach internals.)
  ...rendererLayers(),
  {
    // One write path: records change only through the write commands (renderer/commands/),
    // where their privacy policy, history and audit apply.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/commands/**', 'renderer/vault/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='commit']",
          message: "Write through a command: run('area.verb', input) (renderer/commands/).",
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...noNodeNoElectron.paths,
            { name: 'react', message: 'shared/ is UI-free.' },
            { name: 'react-dom', message: 'shared/ is UI-free.' },
            { name: 'dexie', message: 'shared/ does not touch storage.' },
          ],
          patterns: [
            ...noNodeNoElectron.patterns,
            { group: ['react/*', 'react-dom/*'], message: 'shared/ is UI-free.' },
            { group: ['**/renderer/**'], message: 'shared/ sits below the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'react', message: 'The shell has no UI code.' }],
          patterns: [{ group: ['**/renderer/**'], message: 'The shell never imports the renderer.' }],
        },
      ],
    },
  },
);
