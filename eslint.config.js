import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'undici', message: 'Use fetchOutbound from src/core/http/outbound.' }] },
      ],
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
  {
    files: ['src/core/http/outbound.ts'],
    rules: { 'no-restricted-globals': 'off', 'no-restricted-imports': 'off' },
  },
);
