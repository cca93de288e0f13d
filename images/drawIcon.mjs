// Draws images/icon.png (128×128): JSON braces around a small graph of three typed nodes.
// Shapes are signed distance functions, sampled 4×4 per pixel for smooth edges; the PNG is
// written with node:zlib, so no image library is needed. Run: node images/drawIcon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const samples = 4;

const background = { top: [18, 50, 79], bottom: [30, 96, 150] };
const white = [255, 255, 255];
const accent = [95, 211, 243];

function roundedSquare(x, y) {
	const half = size / 2 - 4;
	const radius = 22;
	const dx = Math.max(Math.abs(x - size / 2) - half + radius, 0);
	const dy = Math.max(Math.abs(y - size / 2) - half + radius, 0);
	return Math.hypot(dx, dy) - radius;
}

function segment(x, y, [ax, ay], [bx, by]) {
	const [vx, vy] = [bx - ax, by - ay];
	const length = vx * vx + vy * vy;
	// Consecutive curves share an end point: a zero-length segment is a point.
	const t = length === 0 ? 0 : Math.min(1, Math.max(0, ((x - ax) * vx + (y - ay) * vy) / length));
	return Math.hypot(x - ax - t * vx, y - ay - t * vy);
}

function quadratic(from, control, to, steps = 12) {
	const points = [];
	for (let i = 0; i <= steps; i++) {
		const t = i / steps;
		const u = 1 - t;
		points.push([0, 1].map((k) => u * u * from[k] + 2 * u * t * control[k] + t * t * to[k]));
	}
	return points;
}

/** The left brace as a polyline; the right one is its mirror image. */
const leftBrace = [
	...quadratic([42, 22], [30, 22], [30, 36]),
	...quadratic([30, 52], [30, 64], [20, 64]),
	...quadratic([20, 64], [30, 64], [30, 76]),
	...quadratic([30, 92], [30, 106], [42, 106]),
];
const rightBrace = leftBrace.map(([px, py]) => [size - px, py]);

function polyline(x, y, points) {
	let distance = Infinity;
	for (let i = 1; i < points.length; i++) {
		distance = Math.min(distance, segment(x, y, points[i - 1], points[i]));
	}
	return distance;
}

const nodes = [
	[64, 42],
	[48, 82],
	[82, 80],
];
const edges = [
	[0, 1],
	[0, 2],
	[1, 2],
];

/** The colour of one sample point, painted back to front; null outside the icon. */
function paint(x, y) {
	if (roundedSquare(x, y) > 0) {
		return null;
	}
	const t = y / size;
	let colour = background.top.map((c, k) => c + (background.bottom[k] - c) * t);
	const braces = Math.min(polyline(x, y, leftBrace), polyline(x, y, rightBrace));
	if (braces < 4) {
		colour = white;
	}
	const lines = Math.min(...edges.map(([a, b]) => segment(x, y, nodes[a], nodes[b])));
	if (lines < 2.5) {
		colour = accent;
	}
	const node = Math.min(...nodes.map(([nx, ny]) => Math.hypot(x - nx, y - ny)));
	if (node < 10) {
		colour = node < 6 ? accent : white;
	}
	return colour;
}

function pixel(px, py) {
	const sum = [0, 0, 0, 0];
	for (let sy = 0; sy < samples; sy++) {
		for (let sx = 0; sx < samples; sx++) {
			const colour = paint(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples);
			if (colour !== null) {
				colour.forEach((c, k) => (sum[k] += c));
				sum[3] += 255;
			}
		}
	}
	const count = samples * samples;
	const alpha = sum[3] / count;
	const rgb = sum.slice(0, 3).map((c) => (alpha === 0 ? 0 : (c / count) * (255 / alpha)));
	return [...rgb, alpha].map((c) => Math.round(c));
}

function crc32(bytes) {
	let crc = 0xffffffff;
	for (const byte of bytes) {
		crc ^= byte;
		for (let bit = 0; bit < 8; bit++) {
			crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
		}
	}
	return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const head = Buffer.alloc(4);
	head.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const tail = Buffer.alloc(4);
	tail.writeUInt32BE(crc32(body));
	return Buffer.concat([head, body, tail]);
}

function encodePng() {
	const rows = [];
	for (let y = 0; y < size; y++) {
		// Filter type 0 (none) before every row.
		rows.push(Buffer.from([0, ...Array.from({ length: size }, (_, x) => pixel(x, y)).flat()]));
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
	const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const data = deflateSync(Buffer.concat(rows), { level: 9 });
	return Buffer.concat([
		signature,
		chunk('IHDR', header),
		chunk('IDAT', data),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

writeFileSync(new URL('./icon.png', import.meta.url), encodePng());
