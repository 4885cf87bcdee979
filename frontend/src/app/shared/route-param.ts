import { inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute } from '@angular/router';
import { map } from 'rxjs';

/**
 * A path parameter of the page's route (the item's id) as a signal that follows a move to another
 * item on the same page; null until the route has it. Made in an injection context.
 */
export const routeParam = (name: string): Signal<string | null> =>
  toSignal(inject(ActivatedRoute).paramMap.pipe(map((p) => p.get(name))), { initialValue: null });
