import type { RatingDto, ServiceRecordDto } from '../../api/models';

/** Ratings can be changed this long after they were given (the server's rule). */
export const RATING_EDIT_MS = 7 * 24 * 3600 * 1000;

export const MY_RATINGS_KEY_PREFIX = 'sanshe.myRatings.';

export function ratingEditable(rating: RatingDto, now: Date): boolean {
  return now.getTime() - new Date(rating.createdAt).getTime() < RATING_EDIT_MS;
}

/**
 * The ids of the ratings this resident gave, remembered on this device (record id → rating id):
 * the API's ratings do not say who gave them.
 */
export class MyRatings {
  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'>,
    private readonly key: string,
  ) {}

  private read(): Record<string, string> {
    try {
      const value: unknown = JSON.parse(this.storage.getItem(this.key) ?? '{}');
      return value && typeof value === 'object' ? (value as Record<string, string>) : {};
    } catch {
      return {};
    }
  }

  remember(rating: RatingDto): void {
    this.storage.setItem(this.key, JSON.stringify({ ...this.read(), [rating.recordId]: rating.id }));
  }

  /**
   * My rating among a record's: the one remembered here, else, when I am the record's only listed
   * beneficiary (only beneficiaries rate), its only rating.
   */
  find(record: ServiceRecordDto, ratings: readonly RatingDto[], me: string | undefined): RatingDto | null {
    const remembered = this.read()[record.id];
    const known = remembered ? ratings.find((r) => r.id === remembered) : undefined;
    if (known) return known;
    const onlyMe = record.beneficiaries.length === 1 && record.beneficiaries[0].userId === me;
    return onlyMe && ratings.length === 1 ? ratings[0] : null;
  }
}
