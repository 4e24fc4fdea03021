/** Sync phase 2: the outbox to the server, in batches; rejections become notices. */
import type { Notice } from './db';
import { ApiError } from '../api/client';
import { RetryLater, apiFailure } from './errors';
import { acknowledge, count, mutationTarget, pending, recordFailure } from './outbox';
import { PUSH_BATCH_SIZE, SCHEMA_VERSION, type PushResponse, type RunContext } from './types';

export async function pushOutbox(ctx: RunContext, clientId: string): Promise<void> {
  let batchSize = Math.max(1, Math.min(ctx.opts.batchSize ?? PUSH_BATCH_SIZE, PUSH_BATCH_SIZE));
  let oversize = 0; // id of a lone mutation the server answered 413 for
  let done = 0;
  let total = await count(ctx.db);
  ctx.emit('progress', { phase: 'push', done, total });
  for (;;) {
    const batch = await pending(ctx.db, batchSize);
    if (batch.length === 0) break;
    const ids = batch.map((m) => m.id);
    let response: PushResponse;
    try {
      response = await ctx.api.post<PushResponse>('/sync/push', {
        client_id: clientId,
        schema_version: SCHEMA_VERSION,
        mutations: batch.map((m) => ({
          id: m.id,
          name: m.name,
          args: m.id === oversize ? oversizeStub(m.args) : m.args,
          client_time: m.client_time,
        })),
      });
    } catch (err) {
      if (err instanceof ApiError && err.status === 413) {
        // Too big for one request: halve the batch; a lone mutation too big to send goes as a
        // stub the server refuses by name, so it is reported and the queue moves on. Its full
        // arguments stay on the phone in the refusal notice.
        if (batch.length > 1) batchSize = Math.max(1, Math.floor(batch.length / 2));
        else if (oversize !== batch[0]!.id) oversize = batch[0]!.id;
        else throw apiFailure('push', err);
        continue;
      }
      const failure = apiFailure('push', err);
      await recordFailure(ctx.db, ids, failure.message);
      throw failure;
    }
    await recordNotices(
      ctx,
      (response.results ?? []).flatMap((r) => {
        if (r.status !== 'rejected' && r.status !== 'conflict') return [];
        const entry = batch.find((m) => m.id === r.id);
        return [
          {
            key: `m:${r.id}`,
            kind: r.status,
            code: r.code ?? r.status,
            message: r.message ?? '',
            at: ctx.now().toISOString(),
            mutation_id: r.id,
            name: entry?.name,
            args: entry?.args,
            target: entry ? mutationTarget(entry.name, entry.args) : undefined,
            seen: false,
          } satisfies Notice,
        ];
      }),
    );
    const acked = batch.filter((m) => m.id <= response.last_mutation_id).length;
    await acknowledge(ctx.db, response.last_mutation_id);
    done += acked;
    total = done + (await count(ctx.db));
    ctx.emit('progress', { phase: 'push', done, total });
    if (acked === 0) {
      // the server stopped before our first id: it lacks mutations we no longer have
      throw new RetryLater({
        phase: 'push',
        code: 'mutation_gap',
        message: `服务器缺少编号 ${response.last_mutation_id + 1} 至 ${batch[0]!.id - 1} 的操作,待同步数据无法提交,请联系管理员`,
      });
    }
  }
}

/** What is sent in place of arguments too big for any request: the record's id (so the refusal
 * names the right draft) and the size; the server refuses it as invalid. */
function oversizeStub(args: Record<string, unknown>): Record<string, unknown> {
  const stub: Record<string, unknown> = { too_large_bytes: JSON.stringify(args).length };
  for (const key of ['id', 'inspection_id', 'issue_id', 'report_id', 'owner_id']) {
    if (key in args) stub[key] = args[key];
  }
  return stub;
}

/** Store notices not seen before (one per mutation) and announce them. */
export async function recordNotices(ctx: RunContext, notices: Notice[]): Promise<void> {
  if (notices.length === 0) return;
  const fresh: Notice[] = [];
  const tx = ctx.db.transaction('notices', 'readwrite');
  for (const notice of notices) {
    if (await tx.store.get(notice.key)) continue;
    await tx.store.put(notice);
    fresh.push(notice);
  }
  await tx.done;
  for (const notice of fresh) ctx.emit('notice', notice);
}
