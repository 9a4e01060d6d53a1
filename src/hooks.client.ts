import type { HandleClientError } from '@sveltejs/kit';

/**
 * An error SvelteKit meets before the page runs (its code failed to load, say) reaches the
 * error page with its own words, so the page can say what went wrong instead of "Internal
 * Error". Errors in the running page are caught by the page itself (src/routes/+page.svelte).
 */
export const handleError: HandleClientError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return { message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
};
