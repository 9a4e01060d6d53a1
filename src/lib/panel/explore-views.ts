/** The explore views, as one chunk that the panel loads the first time one is opened. */
export { default as ActorView } from './ActorView.svelte';
export { default as AreaView } from './AreaView.svelte';
