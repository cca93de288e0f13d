/**
 * A `--require` preload that forbids and records network use in the process it is loaded
 * into: net.connect/createConnection, net.Socket#connect, tls.connect, dns lookups and
 * resolutions, http(s).request/get, dgram sockets and fetch. Each attempt throws an Error and
 * is recorded; at exit the attempts are written, one JSON line each, to the file named by
 * GRAPH_FIXTURES_NETWORK_LOG (nothing is written when there were none).
 *
 * Plain JavaScript because it is loaded by `node --require` before anything is compiled.
 */
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const dgram = require('node:dgram');

const logPath = process.env.GRAPH_FIXTURES_NETWORK_LOG;
const writeFileSync = fs.writeFileSync;
const attempts = [];

function describeTarget(args) {
	const first = args[0];
	if (first !== null && typeof first === 'object') {
		const { host, hostname, port, path, href } = first;
		return JSON.stringify({ host, hostname, port, path, href });
	}
	return JSON.stringify(args.filter((arg) => typeof arg !== 'function').map(String));
}

function forbid(owner, name, label) {
	const original = owner[name];
	if (typeof original !== 'function') {
		return;
	}
	owner[name] = function forbiddenNetworkUse(...args) {
		const attempt = { api: label, target: describeTarget(args), stack: new Error().stack };
		attempts.push(attempt);
		throw new Error(`Network use is forbidden in this process: ${label} ${attempt.target}`);
	};
}

forbid(net, 'connect', 'net.connect');
forbid(net, 'createConnection', 'net.createConnection');
forbid(net.Socket.prototype, 'connect', 'net.Socket#connect');
forbid(tls, 'connect', 'tls.connect');
forbid(http, 'request', 'http.request');
forbid(http, 'get', 'http.get');
forbid(https, 'request', 'https.request');
forbid(https, 'get', 'https.get');
forbid(dgram, 'createSocket', 'dgram.createSocket');
for (const name of [
	'lookup',
	'lookupService',
	'resolve',
	'resolve4',
	'resolve6',
	'resolveAny',
	'reverse',
]) {
	forbid(dns, name, `dns.${name}`);
	forbid(dns.promises, name, `dns.promises.${name}`);
}
forbid(globalThis, 'fetch', 'fetch');
if (typeof globalThis.WebSocket === 'function') {
	forbid(globalThis, 'WebSocket', 'WebSocket');
}

process.on('exit', () => {
	if (logPath && attempts.length > 0) {
		writeFileSync(
			logPath,
			attempts.map((attempt) => JSON.stringify(attempt)).join('\n') + '\n',
		);
	}
});
