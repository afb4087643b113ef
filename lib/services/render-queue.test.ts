import { describe, expect, it } from 'vitest';
import { QueueBusyError, RenderQueue } from './render-queue';

/** A task that finishes only when told to: the test decides the order, never a clock. */
function deferred() {
  let finish!: () => void;
  let fail!: (e: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = () => resolve('done');
    fail = reject;
  });
  return { task: () => done, finish, fail };
}

const queue = () => new RenderQueue({ concurrency: 2, maxWaiting: 2, perUser: 1, secondsPerTask: 5 });

describe('RenderQueue', () => {
  it('runs two at once, lets two wait, refuses the fifth with a Retry-After', async () => {
    const q = queue();
    const tasks = [1, 2, 3, 4].map(() => deferred());
    const runs = tasks.map((t, i) => q.run(`user-${i}`, t.task));
    await Promise.resolve();
    expect(q.load).toEqual({ running: 2, waiting: 2 });
    const refused = await q.run('user-5', async () => 'never').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(QueueBusyError);
    expect(refused).toMatchObject({ reason: 'full', retryAfterSeconds: 10 });
    tasks[0]!.finish();
    await runs[0];
    expect(q.load).toEqual({ running: 2, waiting: 1 });
    for (const t of tasks.slice(1)) t.finish();
    await Promise.all(runs);
    expect(q.load).toEqual({ running: 0, waiting: 0 });
  });

  it('gives one user one place: a second request of the same user is refused at once', async () => {
    const q = queue();
    const t = deferred();
    const first = q.run('same', t.task);
    await expect(q.run('same', async () => 'x')).rejects.toMatchObject({ reason: 'user' });
    t.finish();
    await first;
    await expect(q.run('same', async () => 'again')).resolves.toBe('again');
  });

  it('frees the place of a task that failed', async () => {
    const q = queue();
    const t = deferred();
    const run = q.run('u', t.task);
    t.fail(new Error('browser died'));
    await expect(run).rejects.toThrow('browser died');
    expect(q.load).toEqual({ running: 0, waiting: 0 });
    await expect(q.run('u', async () => 'ok')).resolves.toBe('ok');
  });

  it('twelve requests of one clinician at once: one runs, eleven are refused', async () => {
    const q = queue();
    const t = deferred();
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => q.run('clinician', t.task)).map((p, i) => (i === 0 ? (t.finish(), p) : p)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof QueueBusyError)).toHaveLength(11);
  });
});
