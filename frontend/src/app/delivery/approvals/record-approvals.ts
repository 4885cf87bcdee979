import { DatePipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Api } from '../../api/api';
import { allPages } from '../../shared/pages';
import {
  projectsGet,
  projectsMine,
  serviceRecordsApprove,
  serviceRecordsCorrect,
  serviceRecordsList,
  serviceRecordsReject,
} from '../../api/functions';
import type { ProjectDto, ProjectSummaryDto, RecordStatus, ServiceRecordDto } from '../../api/models';
import { failureText } from '../../shared/api-error';
import { I18n } from '../../i18n/i18n.service';
import { ServerErrors, touchAll } from '../../shared/server-errors';
import { ReferenceData } from '../../shared/reference-data';
import { DeliveryLabels, RECORD_COLORS, RESPONSE_COLORS } from '../labels';
import { ProjectPicker, selectedProject } from '../project-picker';
import { RecordFields, projectCommunities } from '../record-fields/record-fields';
import { fromRecord, recordForm, toLogBody } from '../record-form';
import { reasonControl, reasonForm, reasonRule } from '../../shared/reason-rules';
import { FormActions } from '../../shared/form-actions';
import { FormRow } from '../../shared/form-row';
import { ListCard } from '../../shared/list-card';
import { action } from '../../shared/run-action';
import { ReasonForm } from '../../shared/reason-form';

export type QueueStatus = Extract<RecordStatus, 'submitted' | 'approved'>;

/**
 * The project lead's queue: the team's submitted records to approve or reject (with a reason), and
 * the approved ones, which are corrected by reversal and a new record (with a reason).
 */
@Component({
  selector: 'app-record-approvals',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormActions,
    FormRow,
    ListCard,
    ReasonForm,
    DatePipe,
    DecimalPipe,
    FormsModule,
    ReactiveFormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzFormModule,
    NzInputModule,
    NzRadioModule,
    NzTagModule,
    ProjectPicker,
    RecordFields,
  ],
  templateUrl: './record-approvals.html',
  styleUrls: ['../../shared/page.css', './record-approvals.css'],
})
export class RecordApprovals {
  private readonly api = inject(Api);
  private readonly ref = inject(ReferenceData);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly label = inject(DeliveryLabels);
  protected readonly t = inject(I18n).t;
  protected readonly colors = RECORD_COLORS;
  protected readonly responseColors = RESPONSE_COLORS;

  /** Bound from the optional `:projectId` route parameter. */
  readonly projectId = input<string>();

  private readonly allProjects = signal<ProjectSummaryDto[]>([]);
  /** Only the projects the caller leads: the lead alone decides on records. */
  protected readonly projects = computed(() => this.allProjects().filter((p) => p.isLead));
  protected readonly projectsLoaded = signal(false);
  protected readonly selected = selectedProject(this.projectId, this.projects);
  protected readonly status = signal<QueueStatus>('submitted');
  protected readonly statusOptions = computed(() => [
    { label: this.t('delivery.approvals.submitted'), value: 'submitted' },
    { label: this.t('delivery.approvals.approved'), value: 'approved' },
  ]);

  protected readonly project = signal<ProjectDto | null>(null);
  protected readonly records = signal<ServiceRecordDto[]>([]);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Approving or rejecting a record (keyed by the record). */
  protected readonly decision = action();
  protected readonly communities = computed(() =>
    projectCommunities(this.project(), (id) => this.ref.regionName(id)),
  );

  /** The record being rejected, whose reason is being typed. */
  protected readonly rejecting = signal<string | null>(null);
  protected readonly rejection = reasonForm('serviceRecord');

  /** The approved record being corrected. */
  protected readonly correcting = signal<string | null>(null);
  private readonly errors = new ServerErrors(this.t);
  protected readonly correction = recordForm(this.fb);
  protected readonly correctionReason = reasonControl('serviceRecord');
  protected readonly correctionRule = computed(() => reasonRule('serviceRecord', this.t));
  /** Saving a correction; its error shows in the correction form. */
  protected readonly correctionSave = action();

  constructor() {
    this.errors.watch(this.correction.controls);
    this.ref.load().catch(() => this.error.set(this.t('errors.reference')));
    void this.loadProjects();
    effect(() => {
      const id = this.selected();
      untracked(() => void this.loadProject(id));
    });
    effect(() => {
      const id = this.selected();
      const status = this.status();
      untracked(() => void this.loadRecords(id, status));
    });
  }

  private async loadProjects(): Promise<void> {
    try {
      this.allProjects.set(await this.api.invoke(projectsMine));
    } catch (err) {
      this.error.set(this.failure(err));
    } finally {
      this.projectsLoaded.set(true);
    }
  }

  /** The project, for the correction form's communities. */
  private async loadProject(projectId: string | null): Promise<void> {
    this.project.set(null);
    if (!projectId) return;
    try {
      const project = await this.api.invoke(projectsGet, { id: projectId });
      if (projectId !== this.selected()) return;
      this.project.set(project);
    } catch (err) {
      this.error.set(this.failure(err));
    }
  }

  protected async loadRecords(projectId: string | null, status: QueueStatus): Promise<void> {
    this.records.set([]);
    this.error.set(null);
    this.rejecting.set(null);
    this.correcting.set(null);
    if (!projectId) return;
    this.loading.set(true);
    try {
      const records = await allPages(this.api, serviceRecordsList, { projectId, status });
      if (projectId === this.selected() && status === this.status()) this.records.set(records);
    } catch (err) {
      this.error.set(this.failure(err));
    } finally {
      this.loading.set(false);
    }
  }

  protected async approve(record: ServiceRecordDto): Promise<void> {
    await this.decide(
      record,
      () => this.api.invoke(serviceRecordsApprove, { id: record.id }),
      'delivery.approvals.done',
    );
  }

  protected startRejection(record: ServiceRecordDto): void {
    this.correcting.set(null);
    this.rejecting.set(record.id);
    this.rejection.reset();
  }

  protected async reject(record: ServiceRecordDto): Promise<void> {
    if (!touchAll(this.rejection)) return;
    const reason = this.rejection.getRawValue().reason.trim();
    await this.decide(
      record,
      () => this.api.invoke(serviceRecordsReject, { id: record.id, body: { reason } }),
      'delivery.approvals.rejected',
    );
  }

  private async decide(
    record: ServiceRecordDto,
    call: () => Promise<ServiceRecordDto>,
    success: 'delivery.approvals.done' | 'delivery.approvals.rejected',
  ): Promise<void> {
    if (!(await this.decision.run(call, { key: record.id, toast: true, success }))) return;
    this.records.update((list) => list.filter((r) => r.id !== record.id));
    this.rejecting.set(null);
  }

  protected startCorrection(record: ServiceRecordDto): void {
    this.rejecting.set(null);
    this.correctionSave.error.set(null);
    this.correction.reset(fromRecord(record));
    this.correctionReason.reset('');
    this.correcting.set(record.id);
  }

  /** Reverses the approved record and logs the corrected one in its place (submitted again). */
  protected async correct(record: ServiceRecordDto): Promise<void> {
    const formValid = touchAll(this.correction);
    this.correctionReason.markAsDirty();
    this.correctionReason.updateValueAndValidity();
    if (!formValid || this.correctionReason.invalid) return;
    const done = await this.correctionSave.run(
      () =>
        this.api.invoke(serviceRecordsCorrect, {
          id: record.id,
          body: { ...toLogBody(this.correction.getRawValue()), reason: this.correctionReason.value.trim() },
        }),
      {
        key: record.id,
        success: 'delivery.correction.done',
        onError: (err) => this.errors.apply(err, this.correction.controls),
      },
    );
    if (!done) return;
    this.records.update((list) => list.filter((r) => r.id !== record.id));
    this.correcting.set(null);
  }

  protected communityName(id: string): string {
    return this.ref.regionName(id);
  }

  protected setStatus(status: QueueStatus): void {
    this.status.set(status);
  }

  private failure(err: unknown): string {
    return failureText(err, this.t);
  }
}
