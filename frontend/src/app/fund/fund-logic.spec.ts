import { HttpErrorResponse } from '@angular/common/http';
import { donationAmountOk, donationBody, pollReceipt } from './fund-logic';

const notFound = () =>
  new HttpErrorResponse({
    status: 404,
    error: { code: 'resource.not_found', message: 'Donation receipt not found' },
  });

describe('donation form logic', () => {
  it('sends the amount in exact fen and only the optional fields filled in, trimmed', () => {
    expect(donationBody({ amount: '1,234.56', donorName: '  ', donorEmail: '', message: '' })).toEqual({
      amountFen: 123456,
    });
    expect(
      donationBody({
        amount: '¥0.10',
        donorName: ' 王小明 ',
        donorEmail: ' d@example.cn ',
        message: ' 加油 ',
      }),
    ).toEqual({ amountFen: 10, donorName: '王小明', donorEmail: 'd@example.cn', message: '加油' });
  });

  it('accepts 1 to 1,000,000 yuan with at most two decimals', () => {
    for (const ok of ['1', '1.00', '50.5', '1000000']) expect(donationAmountOk(ok)).toBe(true);
    for (const bad of ['0.99', '0', '-5', '1.234', '1000000.01', 'abc', '1e3', ''])
      expect(donationAmountOk(bad)).toBe(false);
  });
});

describe('pollReceipt', () => {
  const noWait = () => Promise.resolve();

  it('asks again while the receipt is not there yet (404), then returns it', async () => {
    let calls = 0;
    const receipt = await pollReceipt(
      () => (++calls < 3 ? Promise.reject(notFound()) : Promise.resolve({ receiptNo: 'JZ2026000001' })),
      { attempts: 5, delayMs: 1000, sleep: noWait },
    );
    expect(receipt).toEqual({ receiptNo: 'JZ2026000001' });
    expect(calls).toBe(3);
  });

  it('gives up after the attempts with null, waiting between them', async () => {
    const waits: number[] = [];
    const receipt = await pollReceipt(() => Promise.reject(notFound()), {
      attempts: 3,
      delayMs: 700,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    expect(receipt).toBeNull();
    expect(waits).toEqual([700, 700]);
  });

  it('stops at any other failure', async () => {
    let calls = 0;
    const failure = new HttpErrorResponse({ status: 0, error: new ProgressEvent('error') });
    await expect(
      pollReceipt(
        () => {
          calls++;
          return Promise.reject(failure);
        },
        { attempts: 5, delayMs: 1, sleep: noWait },
      ),
    ).rejects.toBe(failure);
    expect(calls).toBe(1);
  });
});
