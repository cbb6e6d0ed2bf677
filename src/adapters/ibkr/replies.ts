// Placing an order may be answered with questions ("You are submitting an order without market
// data...") that must each be confirmed through /iserver/reply/{id} before IBKR takes the order.
// They are confirmed (the plan already checked price and size) and logged, at most five rounds.
import { OrderCallError } from '../../errors.js';
import type { Logger } from '../../ports.js';
import type { Gateway } from './gateway.js';
import { orderReplySchema } from './payloads.js';

const MAX_REPLIES = 5;

export interface Submitted {
  order_id: string;
  order_status?: string | undefined;
}

export async function submitWithReplies(gateway: Gateway, accountId: string, body: unknown, context: { venue: string; clientOrderId: string; logger: Logger }): Promise<Submitted> {
  const { venue, clientOrderId } = context;
  let answer = await gateway.call('POST', `/iserver/account/${encodeURIComponent(accountId)}/orders`, orderReplySchema, body);
  for (let round = 0; ; round++) {
    const first = answer[0];
    if (!first) throw new OrderCallError(venue, 'place order', 'unknown_outcome', 'the gateway answered the order with nothing', clientOrderId);
    if ('order_id' in first) return first;
    const question = first.message.join(' ');
    if (round >= MAX_REPLIES) throw new OrderCallError(venue, 'place order', 'unknown_outcome', `still asked to confirm after ${MAX_REPLIES} replies: ${question}`, clientOrderId);
    context.logger.warn({ venue, clientOrderId, question }, 'IBKR asked to confirm an order; confirmed');
    answer = await gateway.call('POST', `/iserver/reply/${encodeURIComponent(first.id)}`, orderReplySchema, { confirmed: true });
  }
}
