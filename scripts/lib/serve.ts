/**
 * Starts `vite preview` on the built site for a script, and stops it by its own process id.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export type Server = { url: string; stop: () => Promise<void> };

export async function startPreview(port = 4174): Promise<Server> {
	const child: ChildProcess = spawn(
		process.execPath,
		[
			'node_modules/vite/bin/vite.js',
			'preview',
			'--host',
			'127.0.0.1',
			'--port',
			String(port),
			'--strictPort'
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] }
	);
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}`);
		try {
			const res = await fetch(url);
			if (res.ok) break;
		} catch {
			// not up yet
		}
		if (Date.now() > deadline) {
			child.kill();
			throw new Error(`vite preview did not answer on ${url} within 30 s`);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	return {
		url,
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}
