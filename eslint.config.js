import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const outboundMessage = 'Use fetchOutbound from src/core/http/outbound (it checks every hop of every request).';
const localMessage =
  "Reads the server's disk: only the CLI may, for paths its operator names. Use openUrl / importFromUrl.";

/**
 * Imports that would let code reach the network without the outbound guard (server-side request forgery), or read a
 * local path that arrived over HTTP or inside a fetched document. `local` allows the CLI's entry points
 * (local-import, scanSource); `localEntry` the files that open a path for them (openSource); `network` raw sockets.
 * (Flat config replaces a rule's options per file, so each exception is the whole list minus what it allows.)
 */
function restrictedImports({ local = false, localEntry = false, network = false } = {}) {
  const paths = [{ name: 'undici', message: outboundMessage }];
  if (!network) {
    for (const name of ['http', 'https', 'http2', 'node:http', 'node:https', 'node:http2'])
      paths.push({ name, message: outboundMessage });
    for (const name of ['net', 'tls', 'node:net', 'node:tls'])
      paths.push({ name, importNames: ['connect', 'createConnection', 'Socket'], message: outboundMessage });
  }
  const patterns = [];
  if (!localEntry) patterns.push({ group: ['**/core/io/open-source.ts'], message: localMessage });
  if (!local) {
    patterns.push({ group: ['**/intel/local-import.ts'], message: localMessage });
    patterns.push({ group: ['**/detect/scan.ts'], importNames: ['scanSource'], message: localMessage });
  }
  return ['error', { paths, patterns }];
}

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'web/dist', '.accord', 'coverage', 'docs/screenshots'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Configuration is read once, in src/core/config; everything else receives the frozen object.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through src/core/config.' },
      ],
      // Outbound HTTP goes through the one wrapper that refuses private and loopback addresses.
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Use fetchOutbound from src/core/http/outbound.' }],
      'no-restricted-imports': restrictedImports(),
    },
  },
  {
    files: ['src/core/config/**', 'test/**', 'bench/**', '**/*.test.ts', 'vitest.config.ts'],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-globals': 'off' },
  },
  {
    // Browser code: the console (React) and the public site's chart script.
    files: ['web/**/*.{ts,tsx}', 'src/site/assets/**/*.js'],
    languageOptions: { globals: { ...globals.browser, Chart: 'readonly' } },
    rules: { 'no-restricted-globals': 'off', 'no-restricted-properties': 'off' },
  },
  // The CLI reads the paths its operator names; retro-hunt and scan read files on this machine for it.
  { files: ['src/cli/**'], rules: { 'no-restricted-imports': restrictedImports({ local: true }) } },
  {
    files: ['src/intel/local-import.ts', 'src/detect/scan.ts', 'src/detect/retro-hunt.ts'],
    rules: { 'no-restricted-imports': restrictedImports({ local: true, localEntry: true }) },
  },
  {
    files: ['src/core/http/outbound.ts'],
    rules: { 'no-restricted-globals': 'off', 'no-restricted-imports': 'off' },
  },
  // The inbound server itself: it listens on node:https and reads its sockets; it fetches nothing.
  {
    files: [
      'src/core/http/app.ts',
      'src/core/http/framework-errors.ts',
      'src/core/http/plain-http-on-tls.ts',
      'src/core/http/tls.ts',
    ],
    rules: { 'no-restricted-imports': restrictedImports({ network: true }) },
  },
  // Tests start real servers and peers on loopback.
  {
    files: ['test/**', 'bench/**', '**/*.test.ts'],
    rules: { 'no-restricted-imports': restrictedImports({ local: true, localEntry: true, network: true }) },
  },
);
