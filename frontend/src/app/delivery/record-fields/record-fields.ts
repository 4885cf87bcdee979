import { Component, computed, effect, inject, input, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { debounceTime, from, Subject, switchMap } from 'rxjs';
import { Api } from '../../api/api';
import { projectsResidents } from '../../api/fn/projects/projects-residents';
import type { ProjectDto } from '../../api/models';
import { ACTIVITY_TYPE } from '../../api/models/activity-type-array';
import { I18n } from '../../i18n/i18n.service';
import { serverOr } from '../../shared/server-errors';
import { reloadOn } from '../../shared/list-query';
import { DeliveryLabels } from '../labels';
import { LOCATION_MAX, NOTES_MAX, type RecordForm } from '../record-form';
import { type DateField, DateFields } from '../../shared/date-fields';
import { FormRow } from '../../shared/form-row';
import { type Field, FormFields } from '../../shared/form-fields';

export interface CommunityOption {
  id: string;
  name: string;
}

/** A resident who may be listed, or is: the name to show for an id. */
export interface ResidentOption {
  userId: string;
  displayName: string;
}

/** The communities a record of the project may name: those it serves. */
export function projectCommunities(
  project: ProjectDto | null,
  name: (id: string) => string,
): CommunityOption[] {
  return (project?.communityIds ?? []).map((id) => ({ id, name: name(id) }));
}

/**
 * The fields of a service record (logging and correcting): activity, community, beneficiaries
 * (the verified residents of the chosen community, found by name on the server, as a community may
 * have thousands), anonymous count, period, location and notes. The form, its submit button and the
 * timer belong to the page.
 */
@Component({
  selector: 'app-record-fields',
  imports: [FormRow, FormFields, DateFields, ReactiveFormsModule, NzSelectModule],
  templateUrl: './record-fields.html',
  styleUrl: './record-fields.css',
})
export class RecordFields {
  private readonly api = inject(Api);
  protected readonly t = inject(I18n).t;
  protected readonly label = inject(DeliveryLabels);
  protected readonly serverOr = serverOr;

  readonly form = input.required<RecordForm>();
  readonly communities = input.required<CommunityOption[]>();
  readonly projectId = input.required<string>();
  /** The beneficiaries the form starts with (a record being corrected), for their names. */
  readonly listed = input<readonly ResidentOption[]>([]);
  /** Distinguishes the ids of two forms on one page (the log and a correction). */
  readonly idPrefix = input('record');

  /** The rows drawn as declared fields (each id after `idPrefix`); the others need their own controls. */
  protected readonly fields = computed(() => {
    const id = (name: string) => `${this.idPrefix()}-${name}`;
    const tooLong = (max: number) => () => this.t('delivery.form.tooLongText', { max: String(max) });
    return {
      activity: {
        name: 'activityType',
        id: id('activity'),
        label: 'delivery.form.activity',
        kind: 'select',
        required: true,
        rule: 'form.required',
        placeholder: 'form.choose',
        options: () => ACTIVITY_TYPE.map((a) => ({ value: a, label: this.label.activity(a) })),
        testId: 'record-activity',
      },
      community: {
        name: 'communityId',
        id: id('community'),
        label: 'delivery.form.community',
        kind: 'select',
        required: true,
        rule: 'form.required',
        placeholder: 'form.choose',
        options: () => this.communities().map((c) => ({ value: c.id, label: c.name })),
        testId: 'record-community',
      },
      anonymous: {
        name: 'anonymousCount',
        id: id('anonymous'),
        label: 'delivery.form.anonymous',
        kind: 'number',
        min: 0,
        max: 10000,
        rule: 'delivery.form.anonymousRule',
        help: 'delivery.form.anonymousHelp',
        testId: 'record-anonymous',
      },
      location: {
        name: 'location',
        id: id('location'),
        label: 'delivery.form.location',
        rule: tooLong(LOCATION_MAX),
        placeholder: 'delivery.form.locationPlaceholder',
        testId: 'record-location',
      },
      notes: {
        name: 'notes',
        id: id('notes'),
        label: 'delivery.form.notes',
        kind: 'textarea',
        rule: tooLong(NOTES_MAX),
        testId: 'record-notes',
      },
    } satisfies Record<string, Field>;
  });

  /** When the service began and ended: the end is refused when the period is not one the server takes. */
  protected readonly period = computed<DateField[]>(() => [
    {
      name: 'startedAt',
      id: `${this.idPrefix()}-started`,
      label: 'delivery.form.startedAt',
      time: true,
      required: true,
      rule: 'form.required',
      testId: 'record-started',
    },
    {
      name: 'endedAt',
      id: `${this.idPrefix()}-ended`,
      label: 'delivery.form.endedAt',
      time: true,
      required: true,
      errorText: () => this.periodError(),
      testId: 'record-ended',
    },
  ]);

  private readonly communityId = signal<string | null>(null);
  /** The residents of the chosen community whose names match what was typed. */
  private readonly found = signal<ResidentOption[]>([]);
  /** Names of the residents chosen so far, which may no longer be among those found. */
  private readonly chosen = signal(new Map<string, string>());
  private readonly search = new Subject<string>();
  /** The options: what the search found, and what is chosen. */
  protected readonly choices = computed(() => {
    const names = new Map(this.chosen());
    for (const r of this.found()) names.set(r.userId, r.displayName);
    return [...names].map(([userId, displayName]) => ({ userId, displayName }));
  });

  constructor() {
    reloadOn(this.listed, (listed) => this.remember(listed));
    effect((onCleanup) => {
      const { communityId, beneficiaryUserIds } = this.form().controls;
      this.communityId.set(communityId.value);
      const subs = [
        communityId.valueChanges.subscribe((id) => {
          if (id === this.communityId()) return;
          // Residents of another community cannot be listed: drop them when the community changes.
          if (this.communityId() !== null && beneficiaryUserIds.value.length) beneficiaryUserIds.setValue([]);
          this.communityId.set(id);
          this.search.next('');
        }),
        beneficiaryUserIds.valueChanges.subscribe((ids) =>
          this.remember(this.choices().filter((r) => ids.includes(r.userId))),
        ),
        this.search
          .pipe(
            debounceTime(250),
            switchMap((q) => from(this.find(q))),
          )
          .subscribe((found) => this.found.set(found)),
      ];
      if (communityId.value) this.search.next('');
      onCleanup(() => subs.forEach((sub) => sub.unsubscribe()));
    });
  }

  protected onSearch(q: string): void {
    this.search.next(q);
  }

  private async find(q: string): Promise<ResidentOption[]> {
    const communityId = this.communityId();
    if (!communityId) return [];
    try {
      const page = await this.api.invoke(projectsResidents, {
        id: this.projectId(),
        communityId,
        q: q.trim().slice(0, 50) || undefined,
        limit: 20,
      });
      return page.items;
    } catch {
      return [];
    }
  }

  private remember(residents: readonly ResidentOption[]): void {
    this.chosen.set(new Map(residents.map((r) => [r.userId, r.displayName])));
  }

  private periodError(): string {
    const period = this.form().controls.endedAt.errors?.['period'] as string | undefined;
    if (period === 'future') return this.t('delivery.form.future');
    if (period === 'endBeforeStart') return this.t('delivery.form.endBeforeStart');
    if (period === 'tooLong') return this.t('delivery.form.tooLong');
    return this.t('form.required');
  }
}
