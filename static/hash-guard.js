// A hand-edited link can carry a broken %-escape, which SvelteKit's router would throw on while
// decoding the hash. Escape stray % signs first so the app can report and ignore the bad part
// instead of failing to start. A file, not an inline script, so the CSP's script-src 'self'
// covers it (Kit's hash mode hashes only its own inline scripts). Must run before Kit starts.
try {
	decodeURIComponent(location.hash);
} catch {
	history.replaceState(history.state, '', '#' + location.hash.slice(1).replace(/%/g, '%25'));
}
