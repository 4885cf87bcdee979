import { signal } from '@angular/core';
import { communityGroups, communitySelect } from './community-select';
import type { ReferenceData } from './reference-data';

describe('the select of a community', () => {
  const street = { id: 's1', name: '城关街道' };
  const ref = {
    streetGroups: signal([
      {
        street,
        communities: [
          { id: 'c1', name: '春晖社区', parentId: 's1' },
          { id: 'c2', name: '秋实社区', parentId: 's1' },
        ],
      },
    ]),
  } as unknown as ReferenceData;

  it('offers every community under its street', () => {
    expect(communityGroups(ref)).toEqual([
      {
        label: '城关街道',
        options: [
          { value: 'c1', label: '春晖社区' },
          { value: 'c2', label: '秋实社区' },
        ],
      },
    ]);
  });

  it('is the form’s required, searchable communityId, its id its test id', () => {
    const field = communitySelect(ref, 'join-community', 'join.community');
    expect(field).toMatchObject({
      name: 'communityId',
      id: 'join-community',
      testId: 'join-community',
      label: 'join.community',
      kind: 'select',
      showSearch: true,
      required: true,
    });
    expect(field.groups!()).toEqual(communityGroups(ref));
  });
});
