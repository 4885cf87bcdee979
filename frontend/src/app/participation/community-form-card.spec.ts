import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { I18n } from '../i18n/i18n.service';
import { localToInstant } from '../shared/dates';
import type { Field } from '../shared/form-fields';
import { dom, stable } from '../testing/page-testing';
import { CommunityFormCard } from './community-form-card';
import { CommunityForm } from './participation-fields';

const newForm = () =>
  new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: Validators.required }),
    closesAt: new FormControl('', { nonNullable: true }),
  });

@Component({
  imports: [CommunityFormCard],
  template: `
    <app-community-form-card [card]="opening" [fields]="fields" (submitted)="sent = sent + 1">
      <p class="extra">projected</p>
    </app-community-form-card>
  `,
})
class Host {
  readonly form = newForm();
  readonly opening = new CommunityForm(this.form, ['closesAt'], 'open', 'participation.open');
  readonly fields: Field[] = [
    { name: 'title', label: 'participation.title', id: 'c-title', testId: 'open-title' },
  ];
  sent = 0;
}

describe('CommunityFormCard', () => {
  it('heads the card and labels the submit with its words, names its test ids, projects, submits', async () => {
    const fixture = TestBed.createComponent(Host);
    await stable(fixture);
    const root = fixture.nativeElement as HTMLElement;
    const page = dom(root);
    const t = TestBed.inject(I18n).t;
    expect(root.querySelector('.ant-card-head-title')!.textContent).toContain(t('participation.openTitle'));
    expect(page.text('open-submit')).toContain(t('participation.openSubmit'));
    expect(page.el('open-form')!.querySelector('[data-testid="open-title"]')).not.toBeNull();
    expect(page.el('open-form')!.querySelector('.extra')).not.toBeNull();

    page.click('open-submit');
    await stable(fixture);
    expect(fixture.componentInstance.sent).toBe(1);
  });
});

describe('CommunityForm', () => {
  it('sends only with a community, valid fields and its dates read', async () => {
    const form = newForm();
    const staffForm = TestBed.runInInjectionContext(
      () => new CommunityForm(form, ['closesAt'], 'open', 'participation.open'),
    );
    const sent: unknown[] = [];
    const send = (communityId: string | null) =>
      staffForm.send(communityId, async (id, v, at) => {
        sent.push({ id, title: v.title, at });
      });

    form.setValue({ title: '', closesAt: '2099-12-10T20:00' });
    await send('c1');
    expect(sent).toEqual([]);
    expect(form.controls.title.touched).toBe(true);

    form.setValue({ title: 'Square', closesAt: '' });
    await send('c1');
    form.setValue({ title: 'Square', closesAt: '2099-12-10T20:00' });
    await send(null);
    expect(sent).toEqual([]);

    await send('c1');
    expect(sent).toEqual([
      { id: 'c1', title: 'Square', at: { closesAt: localToInstant('2099-12-10T20:00') } },
    ]);
    expect(staffForm.action.busy()).toBe(false);
  });
});
