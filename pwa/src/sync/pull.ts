/** Sync phase 3: the server's changes into IndexedDB, page by page; then drafts it now has. */
import { atomically, getMeta, type Notice, type RefusedChange } from './db';
import { RetryLater, apiFailure } from './errors';
import { acknowledge, mutationTarget } from './outbox';
import { SCHEMA_VERSION, type PullResponse, type RunContext } from './types';

export async function pullChanges(ctx: RunContext, clientId: string): Promise<void> {
  let pages = 0;
  ctx.emit('progress', { phase: 'pull', done: 0, total: 1 });
  for (;;) {
    const cookie = await getMeta(ctx.db, 'cookie');
    let response: PullResponse;
    try {
      const body: Record<string, unknown> = {
        client_id: clientId,
        cookie,
        schema_version: SCHEMA_VERSION,
      };
      if (ctx.opts.pullLimit) body.limit = ctx.opts.pullLimit;
      response = await ctx.api.post<PullResponse>('/sync/pull', body);
    } catch (err) {
      throw apiFailure('pull', err);
    }
    const fresh = await applyPullPage(ctx, response);
    for (const notice of fresh) ctx.emit('notice', notice);
    await acknowledge(ctx.db, response.last_mutation_id);
    pages++;
    ctx.emit('progress', {
      phase: 'pull',
      done: pages,
      total: response.has_more ? pages + 1 : pages,
    });
    if (!response.has_more) break;
    if (response.cookie === cookie) {
      throw new RetryLater({
        phase: 'pull',
        code: 'pull_stalled',
        message: '同步未能取得进展,稍后重试',
      });
    }
  }
}

/**
 * One page in one transaction: (reset → empty the mirror) the changes, the cookie, and the
 * rejections as notices. Drafts, outbox and photo bytes are not touched.
 */
export async function applyPullPage(ctx: RunContext, response: PullResponse): Promise<Notice[]> {
  const at = ctx.now().toISOString();
  const tx = ctx.db.transaction(['records', 'meta', 'notices'], 'readwrite');
  return atomically(tx, async () => {
    const records = tx.objectStore('records');
    const meta = tx.objectStore('meta');
    const notices = tx.objectStore('notices');
    if (response.reset) await records.clear();
    for (const change of response.changes ?? []) {
      const id = String(change.id);
      if (change.op === 'del') await records.delete([change.type, id]);
      else await records.put({ type: change.type, id, version: change.version, data: change.data });
    }
    await meta.put(response.cookie, 'cookie');
    const known = ((await meta.get('last_mutation_id')) as number | undefined) ?? 0;
    if (response.last_mutation_id > known)
      await meta.put(response.last_mutation_id, 'last_mutation_id');
    const fresh: Notice[] = [];
    for (const r of response.rejections ?? []) {
      const key = `m:${r.mutation_id}`;
      if (await notices.get(key)) continue;
      const notice: Notice = {
        key,
        kind: r.status === 'conflict' ? 'conflict' : 'rejected',
        code: r.code,
        message: r.message,
        at: r.at ?? at,
        mutation_id: r.mutation_id,
        name: r.name,
        seen: false,
      };
      const target = r.args ? mutationTarget(r.name, r.args) : undefined;
      if (target) notice.target = target;
      await notices.put(notice);
      fresh.push(notice);
    }
    return fresh;
  });
}

// --- drafts the server now has ---

/**
 * After a complete pull: drop the drafts the server has confirmed and sent back. A confirmed
 * draft the server never sent, about which it refused a change (a notice targets it), is marked
 * refused instead: what the user entered stays on the phone, shown with the server's reason.
 */
export async function dropConfirmedDrafts(ctx: RunContext): Promise<number> {
  const tx = ctx.db.transaction(['drafts', 'records', 'meta', 'notices'], 'readwrite');
  return atomically(tx, async () => {
    const confirmed =
      ((await tx.objectStore('meta').get('last_mutation_id')) as number | undefined) ?? 0;
    const records = tx.objectStore('records');
    let refusals: Map<string, RefusedChange> | null = null;
    let dropped = 0;
    let cursor = await tx
      .objectStore('drafts')
      .index('by_mutation')
      .openCursor(IDBKeyRange.upperBound(confirmed));
    while (cursor) {
      const draft = cursor.value;
      if ((await records.getKey([draft.type, draft.id])) !== undefined) {
        await cursor.delete();
        dropped++;
      } else if (!draft.refused) {
        refusals ??= refusalsByTarget(await tx.objectStore('notices').getAll());
        const refused = refusals.get(`${draft.type}:${draft.id}`);
        if (refused) await cursor.update({ ...draft, refused });
      }
      cursor = await cursor.continue();
    }
    return dropped;
  });
}

/** The first refusal the server gave for each record (the one that explains the rest). */
function refusalsByTarget(notices: Notice[]): Map<string, RefusedChange> {
  const out = new Map<string, RefusedChange>();
  const ordered = notices.filter(
    (n) => n.target && n.mutation_id !== undefined && n.kind !== 'upload',
  );
  ordered.sort((a, b) => a.mutation_id! - b.mutation_id!);
  for (const n of ordered) {
    const key = `${n.target!.type}:${n.target!.id}`;
    if (!out.has(key)) out.set(key, { code: n.code, message: n.message });
  }
  return out;
}
