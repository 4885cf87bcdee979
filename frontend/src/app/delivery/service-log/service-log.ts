import { DatePipe, DecimalPipe } from '@angular/common';
import { Component, computed, effect, inject, signal, viewChild } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { Api } from '../../api/api';
import { MAX_PAGE } from '../../shared/pages';
import { serviceRecordsList } from '../../api/fn/service-records/service-records-list';
import { serviceRecordsLog } from '../../api/fn/service-records/service-records-log';
import type { ServiceRecordDto } from '../../api/models';
import { AuthService } from '../../auth/auth.service';
import { I18n } from '../../i18n/i18n.service';
import { ServerErrors, touchAll } from '../../shared/server-errors';
import { action } from '../../shared/run-action';
import { AttachmentList } from '../../shared/attachments/attachment-list';
import { AttachmentUpload, type AttachmentState } from '../../shared/attachments/attachment-upload';
import { reloadOn } from '../../shared/list-query';
import { MyProjects, ProjectHead } from '../project-head';
import { RecordSummary } from '../record-summary';
import { RecordItem, RecordList } from '../record-list';
import { RecordFields } from '../record-fields/record-fields';
import { recordForm, sameDay, toLogBody } from '../record-form';
import { localDateTime } from '../../shared/dates';
import { ServiceTimer, TIMER_KEY_PREFIX, formatElapsed } from '../timer';
import { ErrorAlert } from '../../shared/error-alert';

/**
 * The social worker's service log, phone first: a start/stop timer (its start kept in localStorage),
 * the record form (also for times entered by hand), and today's records with their status.
 */
@Component({
  selector: 'app-service-log',
  imports: [
    ErrorAlert,
    DatePipe,
    DecimalPipe,
    ReactiveFormsModule,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzFormModule,
    NzIconModule,
    ProjectHead,
    RecordFields,
    RecordItem,
    RecordList,
    RecordSummary,
    AttachmentUpload,
    AttachmentList,
  ],
  templateUrl: './service-log.html',
  styleUrls: ['../../shared/page.css', './service-log.css'],
})
export class ServiceLog {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  private readonly message = inject(NzMessageService);
  protected readonly t = inject(I18n).t;

  protected readonly mine = new MyProjects({ none: 'delivery.project.none' }, (message) =>
    this.loader.error.set(message),
  );
  protected readonly selected = this.mine.selected;
  protected readonly project = this.mine.project;
  protected readonly communities = this.mine.communities;
  protected readonly records = signal<ServiceRecordDto[]>([]);
  /** Reading today's records; why it (or reading the projects) failed. */
  protected readonly loader = action();
  /** The project or today's records being read. */
  protected readonly busy = computed(() => this.loader.busy() || this.mine.projectLoading());

  /** The caller's own records that started today (the lead also gets the team's from the API). */
  protected readonly today = computed(() => {
    const me = this.auth.user()?.id;
    const now = this.now();
    return this.records().filter((r) => r.workerUserId === me && sameDay(r.startedAt, now));
  });
  protected readonly todayHours = computed(() =>
    this.today()
      .filter((r) => r.status === 'submitted' || r.status === 'approved')
      .reduce((sum, r) => sum + r.hours, 0),
  );

  private readonly errors = new ServerErrors(this.t);
  protected readonly form = recordForm();
  /** Logging the record; its failure shows above the form. */
  protected readonly saving = action();
  /** Evidence to attach: clean documents, and whether some are still uploading or being scanned. */
  protected readonly evidence = signal<AttachmentState>({ documentIds: [], busy: false });
  private readonly evidencePicker = viewChild(AttachmentUpload);

  // The timer: only its start is stored; `now` ticks every second while it runs.
  private readonly timer = new ServiceTimer(localStorage, TIMER_KEY_PREFIX + (this.auth.user()?.id ?? ''));
  protected readonly timerStart = signal<Date | null>(this.timer.startedAt());
  protected readonly running = computed(() => this.timerStart() !== null);
  protected readonly timerError = signal<string | null>(null);
  protected readonly now = signal(new Date());
  protected readonly elapsed = computed(() => {
    const start = this.timerStart();
    return start ? formatElapsed(this.now().getTime() - start.getTime()) : formatElapsed(0);
  });

  constructor() {
    this.errors.watch(this.form.controls);
    reloadOn(this.selected, (id) => this.load(id));
    // A project serving one community: its records name that one.
    reloadOn(this.communities, (communities) => {
      if (!this.form.controls.communityId.value && communities.length === 1)
        this.form.controls.communityId.setValue(communities[0].id);
    });
    effect((onCleanup) => {
      if (!this.timerStart()) return;
      const tick = setInterval(() => this.now.set(new Date()), 1000);
      onCleanup(() => clearInterval(tick));
    });
  }

  /** Today's records of the project (the project itself is read by `mine`). */
  private async load(projectId: string | null): Promise<void> {
    this.records.set([]);
    this.loader.error.set(null);
    if (!projectId) return;
    const read = await this.loader.run(() => this.startedToday(projectId));
    if (read && projectId === this.selected()) this.records.set(read.value);
  }

  /**
   * The project's records that started today (newest first, the team's too for the lead): pages
   * until one reaches back before today, not the project's whole history.
   */
  private async startedToday(projectId: string): Promise<ServiceRecordDto[]> {
    const midnight = new Date(new Date().setHours(0, 0, 0, 0));
    const records: ServiceRecordDto[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: ServiceRecordDto[]; nextCursor: string | null } = await this.api.invoke(
        serviceRecordsList,
        { projectId, limit: MAX_PAGE, ...(cursor ? { cursor } : {}) },
      );
      const today = page.items.filter((r) => new Date(r.startedAt) >= midnight);
      records.push(...today);
      cursor = today.length === page.items.length ? page.nextCursor : null;
    } while (cursor);
    return records;
  }

  protected startTimer(): void {
    this.timerError.set(null);
    this.timerStart.set(this.timer.start(new Date()));
    this.now.set(new Date());
  }

  /** Stops the timer and puts its period into the form, ready to complete and submit. */
  protected stopTimer(): void {
    const now = new Date();
    const stop = this.timer.stop(now);
    this.now.set(now);
    if (!stop.ok) {
      this.timerError.set(
        this.t(stop.reason === 'too_long' ? 'delivery.timer.tooLong' : 'delivery.timer.clock'),
      );
      return;
    }
    this.timerStart.set(null);
    this.timerError.set(null);
    this.form.patchValue({ startedAt: localDateTime(stop.startedAt), endedAt: localDateTime(stop.endedAt) });
    this.form.controls.endedAt.markAsTouched();
    this.message.info(this.t('delivery.timer.filled'));
  }

  protected discardTimer(): void {
    this.timer.discard();
    this.timerStart.set(null);
    this.timerError.set(null);
  }

  protected async submit(): Promise<void> {
    const projectId = this.selected();
    if (!projectId || !touchAll(this.form)) return;
    if (this.evidence().busy) {
      this.saving.error.set(this.t('attachments.busy'));
      return;
    }
    const documentIds = this.evidence().documentIds;
    const done = await this.saving.run(
      () =>
        this.api.invoke(serviceRecordsLog, {
          projectId,
          body: { ...toLogBody(this.form.getRawValue()), ...(documentIds.length ? { documentIds } : {}) },
        }),
      { success: 'delivery.log.saved', onError: (err) => this.errors.apply(err, this.form.controls) },
    );
    if (!done) return;
    this.evidencePicker()?.clear();
    this.records.update((list) => [done.value, ...list]);
    const { activityType, communityId } = this.form.getRawValue();
    this.form.reset({ activityType, communityId, beneficiaryUserIds: [], anonymousCount: 0 });
    this.now.set(new Date());
  }
}
