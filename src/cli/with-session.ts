// Every command and tool runs one use-case over one session: the runtime opened, the world looked
// at once, everything closed at the end whatever happens.
import type { CommandContext } from '../host/contract.js';
import { withRuntime, type HostServices, type Runtime } from '../host/runtime.js';
import { createSession, type Session } from '../rebalancer.js';

export function withSession<T>(context: CommandContext, host: HostServices, use: (session: Session, runtime: Runtime) => Promise<T> | T): Promise<T> {
  return withRuntime(context, host, (runtime) => use(createSession(runtime), runtime));
}
