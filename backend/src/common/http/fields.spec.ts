import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { BoolField, DateTimeField, QueryBoolField } from './fields.js';

class Sample {
  @DateTimeField({ optional: true }) opensAt?: string;
  @BoolField() secret!: boolean;
  @QueryBoolField({ optional: true }) unread?: boolean;
}

const errorsOf = (plain: object) =>
  validateSync(plainToInstance(Sample, plain)).flatMap((e) => Object.values(e.constraints ?? {}));

describe('composite fields', () => {
  it('takes an ISO 8601 date-time and names the field when refusing one', () => {
    expect(errorsOf({ opensAt: '2027-03-01T08:00:00+08:00', secret: true })).toEqual([]);
    expect(errorsOf({ secret: true })).toEqual([]);
    expect(errorsOf({ opensAt: 'next Monday', secret: true })).toEqual([
      'opensAt must be an ISO 8601 date-time',
    ]);
  });

  it('takes a boolean body field only as true or false', () => {
    expect(errorsOf({ secret: false })).toEqual([]);
    expect(errorsOf({ secret: 'true' })).toEqual(['secret must be a boolean value']);
  });

  it('reads a query-string boolean from its text and refuses other words', () => {
    expect(plainToInstance(Sample, { unread: 'true' }).unread).toBe(true);
    expect(plainToInstance(Sample, { unread: 'false' }).unread).toBe(false);
    expect(errorsOf({ secret: true, unread: 'yes' })).toEqual(['unread must be a boolean value']);
  });
});
