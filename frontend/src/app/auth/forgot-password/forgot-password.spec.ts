import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { configurePage, dom, stable } from '../../testing/page-testing';
import { ForgotPassword } from './forgot-password';

describe('ForgotPassword', () => {
  let fixture: ComponentFixture<ForgotPassword>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  beforeEach(async () => {
    configurePage();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ForgotPassword);
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  it('asks for a link and says the same whether or not the address has an account', async () => {
    page.type('forgot-email', 'li.hua@example.cn ');
    page.click('forgot-submit');
    await fixture.whenStable();
    const req = backend.expectOne('/api/auth/password/forgot');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ email: 'li.hua@example.cn' });
    req.flush(null, { status: 202, statusText: 'Accepted' });
    await stable(fixture);
    expect(page.text('forgot-sent')).toContain('li.hua@example.cn');
    expect(page.el('forgot-submit')).toBeNull();
  });

  it('refuses an invalid address without calling the API, and shows a refusal', async () => {
    page.type('forgot-email', 'nope');
    page.click('forgot-submit');
    await fixture.whenStable();
    backend.expectNone('/api/auth/password/forgot');

    page.type('forgot-email', 'li.hua@example.cn');
    page.click('forgot-submit');
    await fixture.whenStable();
    backend
      .expectOne('/api/auth/password/forgot')
      .flush({ code: 'rate_limited', message: 'Too many requests' }, { status: 429, statusText: 'Too Many' });
    await stable(fixture);
    expect(page.text('forgot-error')).toContain('请求过于频繁，请稍后再试');
  });
});
