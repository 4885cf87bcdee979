import { waitFor } from './wait.js';
import type { DataSource } from 'typeorm';
import type { FakeStripe } from '@sanshe/fake-stripe';
import { verifiedOrganization } from './fixtures.js';
import { committedContract } from './services.js';
import { Api, tokenFor } from './http.js';

export const STRIPE_TEST_SECRET = 'whsec_test_payments_e2e_0123456789';
export const STRIPE_TEST_KEY = 'sk_test_payments_e2e_key';

/** The Stripe settings of a test suite that points the API and the workers at a fake Stripe. */
export const stripeTestEnv = (fake: FakeStripe) => ({
  STRIPE_SECRET_KEY: STRIPE_TEST_KEY,
  STRIPE_API_URL: fake.url,
  STRIPE_WEBHOOK_SECRET: STRIPE_TEST_SECRET,
});

export const webhookUrl = (api: Api) =>
  `${api.baseUrl.replace('[::1]', '127.0.0.1')}/api/payments/stripe/webhook`;

/** The rating community staff give when they accept a milestone (POST /api/disbursements/:id/accept). */
export const ACCEPTANCE_RATING = {
  quality: 4,
  timeliness: 5,
  cooperation: 4,
  comment: '服务记录完整，居民反馈良好',
};

export interface TestOrg {
  id: string;
  userId: string;
  token: string;
}

/** A verified organization of the demo street, with its admin signed in. */
export async function testOrganization(db: DataSource, api: Api, name: string): Promise<TestOrg> {
  const org = await verifiedOrganization(db, name);
  const [{ id: userId }] = await db.query(`SELECT id FROM users WHERE email = $1`, [org.adminEmail]);
  return { id: org.id, userId, token: await tokenFor(api, org.adminEmail) };
}

/** The organization's admin onboards at the (fake) Stripe, which then reports payouts enabled. */
export async function onboard(api: Api, fake: FakeStripe, org: TestOrg): Promise<string> {
  const res = await api.request('POST', `/api/organizations/${org.id}/stripe/onboarding`, {
    token: org.token,
  });
  if (res.status !== 200) throw new Error(`onboarding failed: ${res.status} ${JSON.stringify(res.body)}`);
  const page = await fetch(res.body.url, { redirect: 'manual' });
  if (page.status !== 302) throw new Error(`onboarding page answered ${page.status}`);
  await fake.idle();
  await waitFor(
    async () =>
      (await api.request('GET', `/api/organizations/${org.id}/stripe`, { token: org.token })).body
        .payoutsEnabled,
    'payouts to be enabled',
  );
  return res.body.accountId;
}

/** A contract of the organization with one milestone of `amountFen`, committed, with its project (no acceptance rule). */
export async function contractOf(
  db: DataSource,
  api: Api,
  org: TestOrg,
  amountFen: number,
): Promise<{ contractId: string; milestoneId: string }> {
  const { contractId, milestoneId } = await committedContract(api.app, db, org.id, org.userId, amountFen);
  const project = await api.request('POST', `/api/contracts/${contractId}/project`, {
    token: org.token,
    body: { leadUserId: org.userId, memberUserIds: [] },
  });
  if (project.status !== 201) throw new Error(`project: ${project.status} ${JSON.stringify(project.body)}`);
  return { contractId, milestoneId };
}

/** A Stripe disbursement requested by the organization and accepted by the demo community staff. */
export async function acceptedStripeDisbursement(
  db: DataSource,
  api: Api,
  org: TestOrg,
  staffToken: string,
  amountFen = 2_000_000,
): Promise<string> {
  const { milestoneId } = await contractOf(db, api, org, amountFen);
  const requested = await api.request('POST', '/api/disbursements', {
    token: org.token,
    body: { milestoneId, method: 'stripe', deliverables: '服务报告及服务对象签收表' },
  });
  if (requested.status !== 201)
    throw new Error(`request: ${requested.status} ${JSON.stringify(requested.body)}`);
  const accepted = await api.request('POST', `/api/disbursements/${requested.body.id}/accept`, {
    token: staffToken,
    body: ACCEPTANCE_RATING,
  });
  if (accepted.body.status !== 'accepted') throw new Error(`accept: ${accepted.status}`);
  return requested.body.id;
}
