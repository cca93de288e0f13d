// Type-aware linting (STYLE.md section 10): floating promises, awaited returns in try/catch,
// type-only imports, strict equality, braces; no console in the server; the service layer
// imports only its allowed dependencies.
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{
		ignores: [
			'out/**',
			'dist/**',
			'node_modules/**',
			'test/fixtures/**',
			'bench/**',
			'**/*.js',
		],
	},
	{
		// The scripts (build, editor tests, benchmark) are plain JavaScript modules for Node.
		files: ['**/*.mjs'],
		languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
		linterOptions: { reportUnusedDisableDirectives: 'error' },
		rules: {
			eqeqeq: ['error', 'always'],
			curly: ['error', 'all'],
			'no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
			],
			'prefer-const': 'error',
			'no-var': 'error',
		},
	},
	{
		files: ['**/*.ts'],
		extends: [tseslint.configs.base],
		languageOptions: {
			parserOptions: {
				project: [
					'./server/tsconfig.json',
					'./client/tsconfig.json',
					'./test/tsconfig.json',
				],
				tsconfigRootDir: import.meta.dirname,
			},
		},
		linterOptions: { reportUnusedDisableDirectives: 'error' },
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/return-await': ['error', 'in-try-catch'],
			'@typescript-eslint/consistent-type-imports': 'error',
			eqeqeq: ['error', 'always'],
			curly: ['error', 'all'],
			'max-lines-per-function': [
				'warn',
				{ max: 60, skipBlankLines: true, skipComments: true },
			],
		},
	},
	{
		files: ['server/**/*.ts'],
		rules: { 'no-console': 'error' },
	},
	{
		files: ['server/src/service/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'node:*',
								'fs',
								'path',
								'child_process',
								'net',
								'http',
								'https',
							],
							message:
								'The service layer is pure: file access and I/O arrive as injected functions.',
						},
						{
							group: ['vscode-languageserver', 'vscode-languageserver/*'],
							message: 'No LSP connection in the service layer.',
						},
					],
				},
			],
		},
	},
	{
		files: ['test/**/*.ts'],
		rules: {
			'max-lines-per-function': 'off',
			// node:test's describe/it return promises the runner itself awaits.
			'@typescript-eslint/no-floating-promises': [
				'error',
				{
					allowForKnownSafeCalls: [
						{
							from: 'package',
							package: 'node:test',
							name: [
								'describe',
								'it',
								'test',
								'suite',
								'before',
								'after',
								'beforeEach',
								'afterEach',
							],
						},
					],
				},
			],
		},
	},
);
