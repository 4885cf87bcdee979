import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';

/**
 * Applies one verified Stripe event inside the webhook's transaction (after it was stored once) and
 * says what it did: 'applied', 'recorded', 'stale', 'ignored', 'unmatched', 'conflict'…
 */
export type StripeEventHandler<T extends Stripe.Event = Stripe.Event> = (
  m: EntityManager,
  event: T,
) => Promise<string>;

/**
 * The handler registry of Stripe webhook events: each module registers the event types it applies
 * (the fund its Checkout donations, payments its transfers and connected accounts), so payments
 * dispatches events without knowing the modules behind them. One handler per event type.
 */
@Injectable()
export class StripeEventHandlers {
  private readonly handlers = new Map<string, StripeEventHandler>();

  on<K extends Stripe.Event['type']>(
    types: readonly K[],
    handler: StripeEventHandler<Extract<Stripe.Event, { type: K }>>,
  ): void {
    for (const type of types) {
      if (this.handlers.has(type)) throw new Error(`Stripe event ${type} already has a handler`);
      this.handlers.set(type, handler as StripeEventHandler);
    }
  }

  /** Applies the event with its type's handler; 'ignored' when no module handles the type. */
  handle(m: EntityManager, event: Stripe.Event): Promise<string> {
    return this.handlers.get(event.type)?.(m, event) ?? Promise.resolve('ignored');
  }
}
