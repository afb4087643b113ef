/**
 * A bounded queue for expensive work (PDF rendering): at most `concurrency` tasks run at once, at most
 * `maxWaiting` wait, and one user holds at most `perUser` places (running or waiting). A request that
 * does not fit is refused at once with a suggested wait, never buffered without limit.
 */

export class QueueBusyError extends Error {
  constructor(readonly reason: 'user' | 'full', readonly retryAfterSeconds: number) {
    super(reason === 'user' ? 'This user already has a render running or waiting' : 'The render queue is full');
  }
}

export interface RenderQueueOptions {
  concurrency: number;
  maxWaiting: number;
  perUser: number;
  /** Rough seconds per task, for Retry-After. */
  secondsPerTask: number;
}

export class RenderQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly perUserCount = new Map<string, number>();

  constructor(private readonly options: RenderQueueOptions) {}

  /** Places taken right now (for tests and logs). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private retryAfter(): number {
    const ahead = this.running + this.waiting.length;
    return Math.max(1, Math.ceil((ahead / this.options.concurrency) * this.options.secondsPerTask));
  }

  async run<T>(user: string, task: () => Promise<T>): Promise<T> {
    const mine = this.perUserCount.get(user) ?? 0;
    if (mine >= this.options.perUser) throw new QueueBusyError('user', this.retryAfter());
    if (this.running >= this.options.concurrency && this.waiting.length >= this.options.maxWaiting) throw new QueueBusyError('full', this.retryAfter());
    this.perUserCount.set(user, mine + 1);
    try {
      if (this.running >= this.options.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
      else this.running++;
      try {
        return await task();
      } finally {
        // Hand the slot straight to the next waiter (running stays the same), or free it.
        const next = this.waiting.shift();
        if (next) next();
        else this.running--;
      }
    } finally {
      const left = (this.perUserCount.get(user) ?? 1) - 1;
      if (left > 0) this.perUserCount.set(user, left);
      else this.perUserCount.delete(user);
    }
  }
}
