import {
  DISBURSEMENT_KINDS,
  DISBURSEMENT_STEPS,
  disbursementStep,
  requireDeliverables,
  requireNewSigner,
  signerOf,
  type DisbursementStep,
} from './disbursement-rules.js';
import {
  DISBURSEMENT_KINDS as KINDS,
  DISBURSEMENT_STATUSES,
  type DisbursementKind,
  type DisbursementStatus,
} from './disbursement.entity.js';
import { payoutReference } from './payout-provider.js';

const STEPS = Object.keys(DISBURSEMENT_STEPS) as DisbursementStep[];

/** Every transition a milestone payment may take, written out by hand: anything else is refused. */
const MILESTONE: Partial<Record<DisbursementStatus, Partial<Record<DisbursementStep, DisbursementStatus>>>> =
  {
    requested: { accept: 'accepted', reject: 'rejected' },
    accepted: { finance_approve: 'finance_approved', reject: 'rejected' },
    finance_approved: { director_approve: 'approved', reject: 'rejected' },
    approved: { record_payment: 'paid', provider_paid: 'paid', provider_failed: 'failed' },
    paid: { provider_failed: 'failed' },
    failed: { finance_approve: 'finance_approved', reject: 'rejected' },
    rejected: {},
  };

/** Fund grants and bonuses take the same path without the acceptance (验收). */
const WITHOUT_ACCEPTANCE = Object.fromEntries(
  Object.entries(MILESTONE).map(([status, steps]) => [
    status,
    Object.fromEntries(Object.entries(steps).filter(([step]) => step !== 'accept')),
  ]),
) as typeof MILESTONE;

const ALLOWED: Record<DisbursementKind, typeof MILESTONE> = {
  milestone: MILESTONE,
  fund_grant: WITHOUT_ACCEPTANCE,
  incentive_bonus: WITHOUT_ACCEPTANCE,
};

describe('disbursementStep', () => {
  for (const kind of KINDS) {
    for (const status of DISBURSEMENT_STATUSES) {
      for (const step of STEPS) {
        const to = ALLOWED[kind][status]?.[step];
        if (to) {
          it(`${kind}: ${status} --${step}--> ${to}`, () => {
            expect(disbursementStep(status, step, kind)).toBe(to);
          });
        } else {
          it(`${kind}: ${status} refuses ${step}`, () => {
            expect(() => disbursementStep(status, step, kind)).toThrow(
              expect.objectContaining({ code: 'state.invalid_transition' }),
            );
          });
        }
      }
    }
  }

  it('names the kind that does not take a step, and the status that cannot', () => {
    expect(() => disbursementStep('requested', 'accept', 'fund_grant')).toThrow(
      expect.objectContaining({ details: { kind: 'fund_grant', step: 'accept' } }),
    );
    expect(() => disbursementStep('paid', 'reject', 'milestone')).toThrow(
      expect.objectContaining({ details: { status: 'paid', step: 'reject' } }),
    );
  });

  it('starts each kind where its first signature is due', () => {
    expect(DISBURSEMENT_KINDS.milestone.initial).toBe('requested');
    expect(DISBURSEMENT_KINDS.fund_grant.initial).toBe('accepted');
    expect(DISBURSEMENT_KINDS.incentive_bonus.initial).toBe('accepted');
  });

  it('never leaves a paid disbursement except by a failed payout, nor a rejected one at all', () => {
    for (const step of STEPS) {
      if (step !== 'provider_failed')
        expect(() => disbursementStep('paid', step)).toThrow(
          expect.objectContaining({ code: 'state.invalid_transition' }),
        );
      expect(() => disbursementStep('rejected', step)).toThrow(
        expect.objectContaining({ code: 'state.invalid_transition' }),
      );
    }
  });
});

describe('signerOf', () => {
  it('gives each waiting status the role that signs it', () => {
    expect(signerOf('requested')).toBe('community_staff');
    expect(signerOf('accepted')).toBe('street_finance');
    expect(signerOf('failed')).toBe('street_finance');
    expect(signerOf('finance_approved')).toBe('street_director');
    expect(signerOf('approved')).toBe('street_finance');
  });

  it('refuses statuses that wait for nobody', () => {
    for (const status of ['paid', 'rejected'] as const)
      expect(() => signerOf(status)).toThrow(expect.objectContaining({ code: 'state.invalid_transition' }));
  });

  it('never lets the organization sign its own payment', () => {
    for (const status of DISBURSEMENT_STATUSES) {
      const role = (() => {
        try {
          return signerOf(status);
        } catch {
          return null;
        }
      })();
      expect(role).not.toBe('org_admin');
    }
  });
});

describe('requireNewSigner (four eyes)', () => {
  const forbidden = expect.objectContaining({ code: 'auth.forbidden' });

  it('refuses the requester as an approver: nobody requests and approves the same disbursement', () => {
    expect(() => requireNewSigner(['org-admin', null, null, null], 'org-admin')).toThrow(forbidden);
    // A fund grant: the proposing community staff member cannot approve it as street finance either.
    expect(() => requireNewSigner(['staff', null, null, null], 'staff')).toThrow(forbidden);
  });

  it('refuses one person signing two steps', () => {
    expect(() => requireNewSigner(['org-admin', 'staff', null, null], 'staff')).toThrow(forbidden);
    expect(() => requireNewSigner(['org-admin', 'staff', 'finance', null], 'finance')).toThrow(forbidden);
  });

  it('lets a new person sign, also where nobody requested (a bonus decided by the rules)', () => {
    expect(() => requireNewSigner(['org-admin', 'staff', null, null], 'finance')).not.toThrow();
    expect(() => requireNewSigner([null, null, null, null], 'finance')).not.toThrow();
  });

  it('walks a milestone payment through four different people, refusing a second signature at each step', () => {
    const signers: (string | null)[] = ['requester', null, null, null];
    let status: DisbursementStatus = DISBURSEMENT_KINDS.milestone.initial;
    const path: [DisbursementStep, string, number][] = [
      ['accept', 'staff', 1],
      ['finance_approve', 'finance', 2],
      ['director_approve', 'director', 3],
    ];
    for (const [step, person, slot] of path) {
      for (const earlier of signers.filter((s): s is string => s !== null))
        expect(() => requireNewSigner(signers, earlier)).toThrow(forbidden);
      requireNewSigner(signers, person);
      status = disbursementStep(status, step, 'milestone');
      signers[slot] = person;
    }
    expect(status).toBe('approved');
  });
});

describe('source accounts', () => {
  const ref = { contract_id: 'c1', street_id: 's1', community_id: 'k1' };

  it('takes each kind from its own account', () => {
    expect(DISBURSEMENT_KINDS.milestone.source({ ...ref, kind: 'milestone' }).code).toBe('commitment:c1');
    expect(DISBURSEMENT_KINDS.fund_grant.source({ ...ref, kind: 'fund_grant' }).code).toBe('fund:k1');
    expect(DISBURSEMENT_KINDS.incentive_bonus.source({ ...ref, kind: 'incentive_bonus' }).code).toBe(
      'incentive_pool:s1',
    );
  });
});

describe('payoutReference', () => {
  it('keeps the first attempt plain and numbers the later ones, so each event of each attempt posts once', () => {
    expect(payoutReference('payable', 'd', 1)).toBe('payable:d');
    expect(payoutReference('paid', 'd', 1)).toBe('paid:d');
    expect(payoutReference('payable', 'd', 2)).toBe('payable:d:2');
    expect(payoutReference('paid', 'd', 3)).toBe('paid:d:3');
    expect(payoutReference('failed', 'd', 1)).toBe('failed:d:1');
    expect(payoutReference('reversed', 'd', 1)).toBe('reversed:d:1');
  });
});

describe('deliverables behind the acceptance', () => {
  const files = (clean: number, pending = 0, infected = 0) => ({ clean, pending, infected });
  const refusal = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      return err as { code: string; details: Record<string, number> };
    }
    return null;
  };

  it('asks nothing of a milestone whose rule needs no deliverables', () => {
    expect(() => requireDeliverables(0, files(0), 'request')).not.toThrow();
    expect(() => requireDeliverables(0, files(0, 0, 3), 'accept')).not.toThrow();
  });

  it('lets the request go with files still in quarantine, never with infected ones', () => {
    expect(() => requireDeliverables(2, files(1, 1), 'request')).not.toThrow();
    const refused = refusal(() => requireDeliverables(2, files(1, 0, 1), 'request'));
    expect(refused?.code).toBe('disbursement.deliverables_missing');
    expect(refused?.details).toEqual({ required: 2, clean: 1, pending: 0, infected: 1 });
  });

  it.each([
    ['missing', files(0), /has 0/],
    ['still in quarantine', files(1, 1), /1 still being checked/],
    ['infected', files(1, 0, 1), /has 1/],
  ])('refuses the acceptance while a required deliverable is %s', (_what, counts, message) => {
    const refused = refusal(() => requireDeliverables(2, counts, 'accept'));
    expect(refused?.code).toBe('disbursement.deliverables_missing');
    expect((refused as unknown as Error).message).toMatch(message);
  });

  it('accepts once enough are clean (more than needed is fine)', () => {
    expect(() => requireDeliverables(2, files(2), 'accept')).not.toThrow();
    expect(() => requireDeliverables(1, files(3, 1, 1), 'accept')).not.toThrow();
  });
});
