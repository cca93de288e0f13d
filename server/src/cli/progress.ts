/**
 * A one-line progress counter on a terminal's stderr, redrawn at most ten times a second.
 * Callers only create it when stderr is a terminal, so pipes get nothing extra.
 */
export class Progress {
	private lastDraw = 0;

	constructor(private readonly label: string) {}

	update(done: number, total: number): void {
		const now = Date.now();
		if (now - this.lastDraw < 100 && done < total) {
			return;
		}
		this.lastDraw = now;
		process.stderr.write(`\r${this.label}: ${done}/${total}`);
	}

	done(): void {
		if (this.lastDraw > 0) {
			process.stderr.write('\r\u001b[2K');
		}
	}
}
