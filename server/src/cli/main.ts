/**
 * Argument parsing (commander) and the three commands.
 */
import * as path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { ApiVersion } from '../model/types';
import { Validator, allDiagnosticCodes, exportSchema } from '../service';
import type { SeverityLevel } from '../service';
import { describeLoad, formatSourceProblem, loadTypes } from '../sources/typeSources';
import type { LoadedTypes } from '../sources/typeSources';
import { checkFile } from './check';
import { expandPaths } from './files';
import { Progress } from './progress';
import { countTotals, formatJson, formatSarif, formatStylish, printable } from './reporters';
import type { FileReport } from './reporters';

declare const PACKAGE_VERSION: string | undefined;
const version = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev';

interface SourceFlags {
	docs: string[];
	metadata: string[];
	apiVersion: ApiVersion;
	verbose?: boolean;
}

interface CheckFlags extends SourceFlags {
	format: 'stylish' | 'json' | 'sarif';
	severity: Record<string, SeverityLevel>;
	maxWarnings?: number;
	maxFileSize: number;
}

const levels = ['error', 'warning', 'information', 'hint', 'off'];

export async function runCli(argv: string[]): Promise<number> {
	let exitCode = 0;
	const program = new Command('graph-fixtures')
		.description('Check Microsoft Graph (OData) JSON fixtures against the Graph reference.')
		.version(version)
		.exitOverride()
		.configureOutput({ writeErr: (text) => process.stderr.write(text) })
		.showHelpAfterError('(run graph-fixtures --help for usage)');
	addSourceOptions(program.command('check'))
		.description('validate fixtures (files, folders searched for *.json and *.jsonc, or globs)')
		.argument('<paths...>', 'files, folders or glob patterns')
		.addOption(
			new Option('--format <format>', 'output format')
				.choices(['stylish', 'json', 'sarif'])
				.default('stylish'),
		)
		.option(
			'--severity <code=level>',
			'change the severity of a code (repeatable; level off drops it)',
			collectSeverity,
			{},
		)
		.option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseCount)
		.option(
			'--max-file-size <bytes>',
			'files larger than this are noted, not checked',
			parseCount,
			50 * 1024 * 1024,
		)
		.action(async (paths: string[], flags: CheckFlags) => {
			exitCode = await check(paths, flags);
		});
	addSourceOptions(program.command('types'))
		.description('list the known types, one qualified name per line, sorted')
		.option(
			'--problems',
			'list what the readers could not understand instead: path:line: reason',
		)
		.action(async (flags: SourceFlags & { problems?: boolean }) => {
			exitCode = await types(flags);
		});
	addSourceOptions(program.command('schema'))
		.description('print the JSON Schema (draft-07) of a type')
		.argument('<type>', 'qualified type name, such as microsoft.graph.iosVppApp')
		.action(async (type: string, flags: SourceFlags) => {
			exitCode = await schema(type, flags);
		});
	try {
		await program.parseAsync(argv, { from: 'user' });
	} catch (error) {
		if (error instanceof CommanderError) {
			return error.exitCode === 0 ? 0 : 2;
		}
		throw error;
	}
	return exitCode;
}

function addSourceOptions(command: Command): Command {
	return command
		.option(
			'--docs <path>',
			'a folder or file of Graph reference pages (repeatable)',
			collect,
			[],
		)
		.option('--metadata <file>', 'a CSDL $metadata document (repeatable)', collect, [])
		.addOption(
			new Option('--api-version <version>', 'version of documents without @odata.context')
				.choices(['beta', 'v1.0'])
				.default('beta'),
		)
		.option('--verbose', 'say what was loaded and how long it took');
}

function collect(value: string, previous: string[]): string[] {
	return [...previous, value];
}

function collectSeverity(
	value: string,
	previous: Record<string, SeverityLevel>,
): Record<string, SeverityLevel> {
	const [code, level] = value.split('=');
	if (level === undefined) {
		throw new InvalidArgumentError(`expected code=level, such as unknown-property=error.`);
	}
	if (!allDiagnosticCodes.includes(code as never)) {
		throw new InvalidArgumentError(
			`unknown code "${code}"; codes: ${allDiagnosticCodes.join(', ')}.`,
		);
	}
	if (!levels.includes(level)) {
		throw new InvalidArgumentError(`unknown level "${level}"; levels: ${levels.join(', ')}.`);
	}
	return { ...previous, [code]: level as SeverityLevel };
}

function parseCount(value: string): number {
	if (!/^[0-9]+$/.test(value)) {
		throw new InvalidArgumentError('expected a whole number.');
	}
	return Number(value);
}

async function load(flags: SourceFlags, showProgress: boolean): Promise<LoadedTypes> {
	const progress = showProgress ? new Progress('Loading types') : undefined;
	const loaded = await loadTypes({
		docs: flags.docs.map((item) => path.resolve(item)),
		metadata: flags.metadata.map((item) => path.resolve(item)),
		onProgress: progress && ((_stage, done, total) => progress.update(done, total)),
	});
	progress?.done();
	for (const problem of loaded.problems.filter((item) => item.severity === 'error')) {
		process.stderr.write(`graph-fixtures: ${printable(formatSourceProblem(problem))}\n`);
	}
	if (flags.verbose) {
		process.stderr.write(`graph-fixtures: ${describeLoad(loaded)}\n`);
	}
	return loaded;
}

async function check(paths: string[], flags: CheckFlags): Promise<number> {
	const loaded = await load(flags, process.stderr.isTTY === true);
	const validator = new Validator(loaded.model);
	const expanded = await expandPaths(paths);
	const errors = [...expanded.errors];
	const reports: FileReport[] = [];
	const progress =
		process.stderr.isTTY && expanded.files.length >= 100 ? new Progress('Checking') : undefined;
	for (const [index, file] of expanded.files.entries()) {
		const result = await checkFile(file, validator, flags);
		if (result.report) {
			reports.push(result.report);
		}
		if (result.error) {
			errors.push(result.error);
		}
		progress?.update(index + 1, expanded.files.length);
	}
	progress?.done();
	for (const error of errors) {
		// An internal error carries its stack on the lines after the first.
		process.stderr.write(`graph-fixtures: ${error.split('\n').map(printable).join('\n')}\n`);
	}
	process.stdout.write(format(reports, flags.format));
	const totals = countTotals(reports);
	if (errors.length > 0 || loaded.failedSources.length > 0) {
		// A path of the command line, or a type source it names, could not be read: the run
		// did not check what the user asked for.
		return 2;
	}
	const tooManyWarnings = flags.maxWarnings !== undefined && totals.warnings > flags.maxWarnings;
	if (tooManyWarnings) {
		const warnings = plural(totals.warnings, 'warning');
		process.stderr.write(
			`graph-fixtures: ${warnings}, more than --max-warnings ${flags.maxWarnings} allows.\n`,
		);
	}
	return totals.errors > 0 || tooManyWarnings ? 1 : 0;
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function format(reports: FileReport[], kind: CheckFlags['format']): string {
	switch (kind) {
		case 'json':
			return formatJson(reports);
		case 'sarif':
			return formatSarif(reports, version);
		default:
			return formatStylish(reports);
	}
}

async function types(flags: SourceFlags & { problems?: boolean }): Promise<number> {
	const loaded = await load(flags, false);
	const lines = flags.problems
		? loaded.problems.map(formatSourceProblem)
		: loaded.model.allNames();
	process.stdout.write(lines.length > 0 ? `${lines.map(printable).join('\n')}\n` : '');
	return loaded.failedSources.length > 0 ? 2 : 0;
}

async function schema(name: string, flags: SourceFlags): Promise<number> {
	const loaded = await load(flags, false);
	const found = loaded.model.find(name.replace(/^#/, ''), flags.apiVersion);
	if (found?.type.kind === 'enum') {
		process.stderr.write(
			`graph-fixtures: "${found.type.name}" is an enum type; schema takes a structured (entity or complex) type.\n`,
		);
		return 2;
	}
	if (!found || found.type.kind !== 'structured') {
		const suggestion = loaded.model.suggestName(name, { structuredOnly: true });
		const hint = suggestion
			? ` Did you mean "${suggestion}"?`
			: ' Run graph-fixtures types to list the known types.';
		process.stderr.write(
			printable(`graph-fixtures: unknown structured type "${name}".${hint}`) + '\n',
		);
		return 2;
	}
	const result = exportSchema(loaded.model, found.type, flags.apiVersion);
	process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
	return 0;
}
