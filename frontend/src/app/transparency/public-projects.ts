import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { Api } from '../api/api';
import { publicProjectsList } from '../api/functions';
import type { PublicProjectSummaryDto } from '../api/models';
import { failureText } from '../shared/api-error';
import { yuan } from '../delivery/labels';
import { I18n } from '../i18n/i18n.service';
import { ReferenceData } from '../shared/reference-data';

/** Every project for anyone: search by words, filter by street; newest first, "load more". */
@Component({
  selector: 'app-public-projects',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzInputModule,
    NzSelectModule,
    NzSpinModule,
  ],
  templateUrl: './public-projects.html',
  styleUrl: './transparency.css',
})
export class PublicProjects {
  private readonly api = inject(Api);
  protected readonly ref = inject(ReferenceData);
  protected readonly t = inject(I18n).t;
  protected readonly yuan = yuan;

  protected readonly searchText = signal('');
  private readonly query = toSignal(
    toObservable(this.searchText).pipe(
      debounceTime(300),
      map((text) => text.trim()),
      distinctUntilChanged(),
    ),
    { initialValue: '' },
  );
  protected readonly streetId = signal<string | null>(null);
  protected readonly items = signal<PublicProjectSummaryDto[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  private generation = 0;

  /** `?q=` of the link that opened the list (an organization's profile links to its projects). */
  readonly q = input<string>();

  constructor() {
    this.ref.load().catch(() => undefined);
    effect(() => {
      const q = this.q();
      if (q) untracked(() => this.searchText.set(q));
    });
    effect(() => {
      const params = { q: this.query() || undefined, streetId: this.streetId() ?? undefined };
      untracked(() => void this.load(params, true));
    });
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor)
      void this.load({ q: this.query() || undefined, streetId: this.streetId() ?? undefined, cursor }, false);
  }

  private async load(params: { q?: string; streetId?: string; cursor?: string }, fresh: boolean) {
    const generation = fresh ? ++this.generation : this.generation;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.invoke(publicProjectsList, { ...params, limit: 20 });
      if (generation !== this.generation) return;
      this.items.update((items) => (fresh ? page.items : [...items, ...page.items]));
      this.nextCursor.set(page.nextCursor);
    } catch (err) {
      if (generation !== this.generation) return;
      this.error.set(failureText(err, this.t));
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }
}
