import type { DataSource } from 'typeorm';
import { DEMO } from '../../src/database/seed/demo.js';

const userId = async (db: DataSource, email: string): Promise<string> =>
  (await db.query(`SELECT id FROM users WHERE email = $1`, [email]))[0].id;

/**
 * The demo contract (seedDemoContract) as the outcome of a tender: a resident's need answered by
 * a competitive consultation of 阳光街道, decided 20 days ago, won by the demo organization.
 */
export async function tenderedDemoContract(db: DataSource) {
  const resident = await userId(db, 'resident@demo.sanshe.cn');
  const officer = await userId(db, 'officer@demo.sanshe.cn');
  const worker = await userId(db, 'worker@demo.sanshe.cn');
  const [{ id: tender }] = await db.query(
    `INSERT INTO tenders (title, description, category_code, street_id, budget_ceiling_fen, method, kpis, weights, milestone_plan,
                          enquiry_deadline, bid_deadline, created_by, status, published_at, standstill_days, standstill_ends_at)
     SELECT '高龄老人居家探访', '每周探访', code, $1, 25000000, 'competitive_consultation', '{}', '{}', '[]',
            now() - interval '40 days', now() - interval '30 days', $2, 'contracted', now() - interval '50 days', 10, now() - interval '10 days'
       FROM service_categories WHERE parent_code IS NOT NULL ORDER BY code LIMIT 1 RETURNING id`,
    [DEMO.streets[0], officer],
  );
  await db.query(`INSERT INTO tender_communities (tender_id, community_id) VALUES ($1, $2)`, [
    tender,
    DEMO.communities[0],
  ]);
  const [{ id: need }] = await db.query(
    `INSERT INTO needs (community_id, category_code, title, text, posted_by, status, tender_id, upvotes)
     SELECT $1, category_code, '独居老人需要有人定期探访', '张阿姨住春晖社区5栋，电话13900001111', $2, 'addressed', $3, 7
       FROM tenders WHERE id = $3 RETURNING id`,
    [DEMO.communities[0], resident, tender],
  );
  await db.query(`INSERT INTO tender_needs (tender_id, need_id) VALUES ($1, $2)`, [tender, need]);
  const [{ id: bid }] = await db.query(
    `INSERT INTO bids (tender_id, organization_id, status, price_fen, proposal, team, offered_kpis, receipt_hash, submitted_by, submitted_at)
     VALUES ($1, $2, 'awarded', 24000000, '方案', '{}', '{}', repeat('a', 64), $3, now() - interval '35 days') RETURNING id`,
    [tender, DEMO.organization, worker],
  );
  await db.query(`UPDATE tenders SET awarded_bid_id = $2 WHERE id = $1`, [tender, bid]);
  await db.query(`UPDATE contracts SET tender_id = $2, bid_id = $3 WHERE id = $1`, [
    DEMO.contract,
    tender,
    bid,
  ]);
  return { tender, need, bid, resident, officer, worker };
}

/** The demo contract's first milestone (¥72,000) paid by the treasury. */
export async function payFirstMilestone(db: DataSource, requestedBy: string): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO disbursements (milestone_id, contract_id, organization_id, street_id, amount_fen, currency, status, method, deliverables, requested_by, kind)
     VALUES ($1, $2, $3, $4, 7200000, 'CNY', 'paid', 'treasury', '首期交付', $5, 'milestone') RETURNING id`,
    [DEMO.milestones[0], DEMO.contract, DEMO.organization, DEMO.streets[0], requestedBy],
  );
  await db.query(`UPDATE milestones SET status = 'paid' WHERE id = $1`, [DEMO.milestones[0]]);
  return id;
}
