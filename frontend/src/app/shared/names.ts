import { Injectable, inject } from '@angular/core';
import { ReferenceData } from './reference-data';

/** What a list of names shows when it is empty. */
const NONE = '—';

/**
 * Categories and communities by name, as an organization's (or a grant's) page lists them:
 * joined with '、', and `none` in place of an empty list. Read in a template, so the names follow
 * the reference data once it has loaded.
 */
@Injectable({ providedIn: 'root' })
export class Names {
  private readonly ref = inject(ReferenceData);

  categories(codes: readonly string[], none = NONE): string {
    return codes.map((c) => this.ref.categoryName(c)).join('、') || none;
  }

  communities(ids: readonly string[]): string {
    return ids.map((id) => this.ref.regionName(id)).join('、') || NONE;
  }
}
