import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { configurePage, dom, flushReference, stable } from '../../testing/page-testing';
import { DirectoryProfile } from './directory-profile';

describe('DirectoryProfile', () => {
  let fixture: ComponentFixture<DirectoryProfile>;
  let backend: HttpTestingController;
  let page: ReturnType<typeof dom>;

  beforeEach(async () => {
    configurePage();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DirectoryProfile);
    fixture.componentRef.setInput('id', 'o1');
    page = dom(fixture.nativeElement);
    await fixture.whenStable();
    await flushReference(backend);
  });

  afterEach(() => backend.verify());

  it('shows the public profile from the directory', async () => {
    backend.expectOne('/api/directory/o1').flush({
      id: 'o1',
      name: '阳光居家养老服务中心',
      type: 'life_service',
      description: '为辖区高龄、独居老人提供助餐服务。',
      grade: '4A',
      creditStatus: 'normal',
      homeStreetId: 's1',
      homeStreetName: '阳光街道',
      categories: ['elderly.home_care', 'housekeeping'],
      communityIds: ['c1', 'c2'],
    });
    await stable(fixture);

    expect(page.text('directory-profile-name')).toBe('阳光居家养老服务中心');
    const profile = page.text('directory-profile');
    expect(profile).toContain('评估等级 4A');
    expect(profile).toContain('居家养老、家政服务');
    expect(profile).toContain('春晖社区、翠园社区');
    expect(profile).toContain('阳光街道');
  });

  it('shows the current tier and score and links to the score page', async () => {
    backend.expectOne('/api/directory/o1').flush({
      id: 'o1',
      name: '阳光居家养老服务中心',
      type: 'life_service',
      description: '',
      grade: null,
      creditStatus: 'normal',
      homeStreetId: 's1',
      homeStreetName: '阳光街道',
      categories: [],
      communityIds: [],
      score: 72.4,
      tier: 'B',
    });
    await stable(fixture);

    expect(page.el('tier-tag')?.dataset['tier']).toBe('B');
    expect(page.text('directory-profile-score')).toBe('72.4 · B 级');
    expect(page.el('directory-profile-score-link')?.getAttribute('href')).toBe('/directory/o1/score');
  });

  it('says so when the organization is not in the directory', async () => {
    backend
      .expectOne('/api/directory/o1')
      .flush(
        { code: 'not_found', message: 'Organization o1 not found' },
        { status: 404, statusText: 'Not Found' },
      );
    await stable(fixture);
    expect(page.el('directory-profile-missing')).not.toBeNull();
  });
});
