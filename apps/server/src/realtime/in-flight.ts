/**
 * The socket events a node is handling right now, so that a draining node can stop taking new
 * ones and wait for these to be answered before it closes its connections (Gateway.drain).
 */
export class InFlight {
  private running = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  /** Counts one event in; false once closed (a draining node takes no new work). */
  enter(): boolean {
    if (this.closed) return false;
    this.running++;
    return true;
  }

  leave(): void {
    this.running--;
    if (this.running === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  /** Takes no new events from now on; resolves when the ones already running have finished. */
  close(): Promise<void> {
    this.closed = true;
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
