/**
 * How the panel says where an incident is when the source gives no place for the event
 * itself: a claim posted online, a remark whose venue is never named.
 */
import type { Venue } from './schema';

/**
 * "Posted online; refers to Atyrau" or "Venue not given; shown at Almaty": the first part says
 * what is known of where the event happened, the second what the point on the map stands for.
 */
export function venueText(venue: Venue, placeName: string): string {
	return venue === 'online'
		? `Posted online; refers to ${placeName}`
		: `Venue not given; shown at ${placeName}`;
}
