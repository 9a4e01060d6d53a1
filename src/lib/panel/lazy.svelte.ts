/**
 * A component whose code loads on first need instead of with the page, so the dashboard's
 * first load carries only what its first view shows. `want()` starts the load once;
 * `current` is the component when it is in (reactive), undefined until then.
 */
export class LazyComponent<T> {
	current = $state.raw<T | undefined>();
	#started = false;

	constructor(private readonly load: () => Promise<{ default: T }>) {}

	want(): void {
		if (this.#started) return;
		this.#started = true;
		void this.load().then((module) => (this.current = module.default));
	}
}
