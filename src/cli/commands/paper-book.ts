// `kit paper book [VENUE] [--json]`: each paper venue's own book, as the venue sees it: its
// balances and every order it has seen by client order id.
import type { CommandSpec } from '../../host/contract.js';
import type { HostServices } from '../../host/runtime.js';
import { paperBooks, type PaperBookView } from '../../rebalancer.js';
import { renderTable } from '../table.js';
import { withSession } from '../with-session.js';

export function renderPaperBook(book: PaperBookView): string {
  const balances = Object.entries(book.balances);
  const lines = [`📒 Paper venue ${book.venue}`, ''];
  lines.push(balances.length > 0 ? renderTable(['Asset', 'Balance'], balances, [], { alignRight: [1] }) : 'No balances.');
  lines.push('');
  lines.push(
    book.orders.length > 0
      ? renderTable(
          ['Client order id', 'Side', 'Asset', 'Quantity', 'Filled', 'Status'],
          book.orders.map((order) => [order.client_order_id, order.side, order.asset, order.quantity, order.filled, order.status]),
          [],
          { alignRight: [3, 4] },
        )
      : 'No orders yet.',
  );
  return lines.join('\n');
}

export function paperBookCommand(host: HostServices): CommandSpec {
  return {
    name: 'paper book',
    description: "a paper venue's own book as the venue sees it: balances and orders by client order id",
    arguments: [{ name: 'venue', description: 'a paper venue (default: every paper venue)', required: false }],
    options: [{ flags: '--json', description: 'print JSON (decimal strings)' }],
    async run(args, options, context) {
      return withSession(context, host, (session) => {
        const books = paperBooks(session, args[0]);
        if (options.json) return { exitCode: 0, stdout: JSON.stringify(books, null, 2) };
        if (books.venues.length === 0) return { exitCode: 0, stdout: 'No paper venues in the config (no venue uses adapter: paper).' };
        return { exitCode: 0, stdout: books.venues.map(renderPaperBook).join('\n\n') };
      });
    },
  };
}
