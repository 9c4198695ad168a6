/**
 * Lets at most `limit` pieces of work run at once and starts each waiting one from `setImmediate`.
 *
 * Why: PGlite runs its queued queries back to back in microtasks, so with hundreds of socket events
 * waiting on the embedded database the event loop got no turn for seconds — no socket reads, no
 * timers, no pings; in bench/ an overloaded embedded node dropped all 510 of its connections with
 * "ping timeout". Admitting a few events at a time, and the next only after I/O and timers have
 * had their turn, bounds that stall to a few events' worth of queries.
 */
export class Admission {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next)
        setImmediate(next); // the slot passes on, after the event loop has had a turn
      else this.running--;
    }
  }
}
