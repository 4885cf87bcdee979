import type { RatingDto } from '../../api/models';

/** Ratings can be changed this long after they were given (the server's rule). */
export const RATING_EDIT_MS = 7 * 24 * 3600 * 1000;

export function ratingEditable(rating: RatingDto, now: Date): boolean {
  return now.getTime() - new Date(rating.createdAt).getTime() < RATING_EDIT_MS;
}
