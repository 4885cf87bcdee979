import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzSelectModule } from 'ng-zorro-antd/select';
import type { ProjectDto, ProjectResidentDto } from '../../api/models';
import { ACTIVITY_TYPE } from '../../api/models/activity-type-array';
import { I18n } from '../../i18n/i18n.service';
import { serverOr } from '../../shared/server-errors';
import { DeliveryLabels } from '../labels';
import { LOCATION_MAX, NOTES_MAX, type RecordForm } from '../record-form';
import { DateInput } from '../../shared/date-input';

export interface CommunityOption {
  id: string;
  name: string;
}

/** The communities a record of the project may name: the tender's, else those of its residents. */
export function projectCommunities(
  project: ProjectDto | null,
  residents: readonly ProjectResidentDto[],
  name: (id: string) => string,
): CommunityOption[] {
  const ids = project?.communityIds.length
    ? project.communityIds
    : [...new Set(residents.map((r) => r.communityId))];
  return ids.map((id) => ({ id, name: name(id) }));
}

/**
 * The fields of a service record (logging and correcting): activity, community, beneficiaries
 * (the verified residents of the chosen community), anonymous count, period, location and notes.
 * The form, its submit button and the timer belong to the page.
 */
@Component({
  selector: 'app-record-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DateInput, ReactiveFormsModule, NzFormModule, NzInputModule, NzInputNumberModule, NzSelectModule],
  templateUrl: './record-fields.html',
  styleUrl: './record-fields.css',
})
export class RecordFields {
  protected readonly t = inject(I18n).t;
  protected readonly label = inject(DeliveryLabels);
  protected readonly activities = ACTIVITY_TYPE;
  protected readonly locationMax = LOCATION_MAX;
  protected readonly notesMax = NOTES_MAX;
  protected readonly serverOr = serverOr;

  readonly form = input.required<RecordForm>();
  readonly communities = input.required<CommunityOption[]>();
  readonly residents = input.required<ProjectResidentDto[]>();
  /** Distinguishes the ids of two forms on one page (the log and a correction). */
  readonly idPrefix = input('record');

  private readonly communityId = signal<string | null>(null);
  /** The residents who may be listed: those of the chosen community. */
  protected readonly choices = computed(() =>
    this.residents().filter((r) => r.communityId === this.communityId()),
  );

  constructor() {
    effect((onCleanup) => {
      const { communityId, beneficiaryUserIds } = this.form().controls;
      this.communityId.set(communityId.value);
      const sub = communityId.valueChanges.subscribe((id) => {
        this.communityId.set(id);
        // Residents of another community cannot be listed: drop them when the community changes.
        const allowed = new Set(
          this.residents()
            .filter((r) => r.communityId === id)
            .map((r) => r.userId),
        );
        const kept = beneficiaryUserIds.value.filter((u) => allowed.has(u));
        if (this.residents().length && kept.length !== beneficiaryUserIds.value.length)
          beneficiaryUserIds.setValue(kept);
      });
      onCleanup(() => sub.unsubscribe());
    });
  }

  protected periodError(): string {
    const control = this.form().controls.endedAt;
    const period = control.errors?.['period'] as string | undefined;
    if (period === 'future') return this.t('delivery.form.future');
    if (period === 'endBeforeStart') return this.t('delivery.form.endBeforeStart');
    if (period === 'tooLong') return this.t('delivery.form.tooLong');
    return serverOr(control, this.t('form.required'));
  }
}
