/**
 * A fake of the server's sync surface, as a `fetch`: push / pull (sync/push.py, sync/pull.py),
 * HEAD /api/v1/blobs/<sha256>, and tus 1.0.0 at /api/v1/uploads/ (server/media/upload_routes.py).
 * Just enough semantics for the engine's tests, plus faults: drop a response after applying the
 * request, fail with a status, hang until released.
 */
import { createHash } from 'node:crypto';

export const CSRF = 'csrf-token-1';
const ORIGIN = 'http://fake.test';

type Json = Record<string, unknown>;

export interface FakeRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  json?: Json;
}

export type Fault =
  | { kind: 'drop' } // apply the request, then lose the response (fetch rejects)
  | { kind: 'network' } // fetch rejects before the server sees anything
  | { kind: 'status'; status: number; code?: string; message?: string }
  | { kind: 'hang'; release: Promise<void> } // wait, then answer normally
  | { kind: 'before'; run: () => Promise<void> | void }; // run something, then answer normally

interface MutationRecordRow {
  id: number;
  client_id: string;
  mutation_id: number;
  name: string;
  status: 'rejected' | 'conflict';
  code: string;
  message: string;
  args: Json;
}

interface ChangeRow {
  seq: number;
  type: string;
  id: string;
  op: 'put' | 'del';
}

interface UploadRow {
  length: number;
  offset: number;
  sha256: string;
  bytes: Uint8Array;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function decodeMetadata(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (header ?? '').split(',')) {
    const [key, value] = pair.trim().split(' ');
    if (key) out[key] = value ? Buffer.from(value, 'base64').toString('utf8') : '';
  }
  return out;
}

export class FakeServer {
  clients = new Map<string, number>();
  /** Every mutation the server applied or recorded, in order. */
  applied: { client_id: string; id: number; name: string; status: string }[] = [];
  records = new Map<string, { type: string; id: string; version: number; data: Json }>();
  changeLog: ChangeRow[] = [];
  seq = 0;
  mutationRecords: MutationRecordRow[] = [];
  blobs = new Map<string, Uint8Array>();
  uploads = new Map<string, UploadRow>();
  requests: FakeRequest[] = [];
  authorized = true;
  supportedSchema = 1;
  /** The next pull starts a full copy (the user's scope changed). */
  forceReset = false;
  /** A push body longer than this is answered 413, as the server's SYNC_PUSH_MAX_BYTES. */
  maxPushBytes = Infinity;
  /** The session's CSRF token (GET /auth/me tells it); a test changes it to play a new session. */
  csrf = CSRF;
  /** HEAD /blobs answers 404 even for stored bytes (a race with another device). */
  hideBlobs = false;
  private faults: { method: string; path: string; fault: Fault }[] = [];
  private uploadCounter = 0;
  inFlight = 0;
  maxInFlight = 0;

  /** The next request whose method and path (prefix) match meets `fault`. */
  fail(method: string, pathPrefix: string, fault: Fault): void {
    this.faults.push({ method, path: pathPrefix, fault });
  }

  count(method: string, pathPrefix: string): number {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix)).length;
  }

  putRecord(type: string, id: string, data: Json): void {
    this.seq += 1;
    this.records.set(`${type}:${id}`, { type, id, version: this.seq, data });
    this.changeLog.push({ seq: this.seq, type, id, op: 'put' });
  }

  deleteRecord(type: string, id: string): void {
    this.seq += 1;
    this.records.delete(`${type}:${id}`);
    this.changeLog.push({ seq: this.seq, type, id, op: 'del' });
  }

  fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      ORIGIN,
    );
    const method = (init.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((init.headers ?? {}) as Record<string, string>))
      headers[k.toLowerCase()] = v;
    const request: FakeRequest = { method, path: url.pathname, headers };
    if (typeof init.body === 'string') request.json = JSON.parse(init.body) as Json;
    this.requests.push(request);

    const index = this.faults.findIndex(
      (f) => f.method === method && url.pathname.startsWith(f.path),
    );
    const fault = index >= 0 ? this.faults.splice(index, 1)[0]!.fault : null;
    if (fault?.kind === 'network') throw new TypeError('Failed to fetch');
    if (fault?.kind === 'status') {
      return this.error(
        fault.status,
        fault.code ?? `http_${fault.status}`,
        fault.message ?? '服务器错误',
      );
    }
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (fault?.kind === 'hang') await fault.release;
      if (fault?.kind === 'before') await fault.run();
      const response = await this.handle(request, init.body);
      if (fault?.kind === 'drop') throw new TypeError('Failed to fetch');
      return response;
    } finally {
      this.inFlight -= 1;
    }
  };

  private json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', ...extra },
    });
  }

  private error(
    status: number,
    code: string,
    message: string,
    extra: Record<string, string> = {},
  ): Response {
    return this.json(status, { code, message }, extra);
  }

  private empty(status: number, headers: Record<string, string> = {}): Response {
    return new Response(null, { status, headers });
  }

  private async handle(req: FakeRequest, body: unknown): Promise<Response> {
    if (!this.authorized) return this.error(401, 'unauthorized', '请先登录');
    const unsafe = req.method !== 'GET' && req.method !== 'HEAD';
    if (unsafe && req.headers['x-csrf-token'] !== this.csrf)
      return this.error(403, 'csrf_failed', 'CSRF 校验失败');
    if (req.method === 'GET' && req.path === '/api/v1/auth/me')
      return this.json(200, { id: 7, username: 'inspector', csrf_token: this.csrf });
    if (req.method === 'POST' && req.path === '/api/v1/sync/push') {
      if (typeof body === 'string' && body.length > this.maxPushBytes) {
        return this.error(413, 'payload_too_large', '一次同步的数据太大');
      }
      return this.push(req.json!);
    }
    if (req.method === 'POST' && req.path === '/api/v1/sync/pull') return this.pull(req.json!);
    const blob = /^\/api\/v1\/blobs\/([0-9a-f]{64})$/.exec(req.path);
    if (req.method === 'HEAD' && blob) {
      const bytes = this.hideBlobs ? undefined : this.blobs.get(blob[1]!);
      return bytes ? this.empty(200, { 'Content-Length': String(bytes.length) }) : this.empty(404);
    }
    if (req.path.startsWith('/api/v1/uploads/')) return this.tus(req, body);
    return this.error(404, 'not_found', '找不到');
  }

  /** Bytes arrived: photos attached before them become ready (server/media/photos.py). */
  private landed(sha: string, bytes: Uint8Array): void {
    this.blobs.set(sha, bytes);
    for (const rec of [...this.records.values()]) {
      if (rec.type === 'photo' && rec.data.sha256 === sha && rec.data.status === 'pending')
        this.putRecord('photo', rec.id, { ...rec.data, status: 'ready' });
    }
  }

  // --- sync ---

  private push(body: Json): Response {
    if (body.schema_version !== this.supportedSchema) {
      return this.error(
        409,
        'schema_version_unsupported',
        '应用版本与服务器不兼容,请刷新页面更新应用后再同步(待同步的数据会保留)',
      );
    }
    const clientId = body.client_id as string;
    let last = this.clients.get(clientId) ?? 0;
    const results: Json[] = [];
    const mutations = [...(body.mutations as Json[])].sort(
      (a, b) => (a.id as number) - (b.id as number),
    );
    for (const m of mutations) {
      const id = m.id as number;
      if (id <= last) {
        results.push({ id, status: 'duplicate' });
        continue;
      }
      if (id !== last + 1) break;
      const outcome = this.apply(m.name as string, m.args as Json);
      this.applied.push({
        client_id: clientId,
        id,
        name: m.name as string,
        status: outcome.status,
      });
      if (outcome.status !== 'applied') {
        this.mutationRecords.push({
          id: this.mutationRecords.length + 1,
          client_id: clientId,
          mutation_id: id,
          name: m.name as string,
          status: outcome.status,
          code: outcome.code!,
          message: outcome.message!,
          args: m.args as Json,
        });
      }
      results.push({ id, ...outcome });
      last = id;
    }
    this.clients.set(clientId, last);
    return this.json(200, { last_mutation_id: last, results });
  }

  private apply(
    name: string,
    args: Json,
  ): { status: 'applied' | 'rejected' | 'conflict'; code?: string; message?: string } {
    if (args.reject)
      return {
        status: 'rejected',
        code: 'invalid_args',
        message: '数据格式不正确(title: 不能为空)',
      };
    if (args.too_large_bytes)
      return { status: 'rejected', code: 'validation_error', message: '数据格式不正确' };
    switch (name) {
      case 'inspection.create':
      case 'issue.create':
      case 'report.create':
        this.putRecord(name.split('.')[0]!, args.id as string, { ...args, state: 'found' });
        return { status: 'applied' };
      case 'answer.set': {
        const rec = this.records.get(`inspection:${args.inspection_id as string}`);
        if (!rec) return { status: 'rejected', code: 'not_found', message: '找不到该检查' };
        this.putRecord('inspection', rec.id, {
          ...rec.data,
          [`answer_${args.item_id as string}`]: args.value,
        });
        return { status: 'applied' };
      }
      case 'photo.attach':
        this.putRecord('photo', args.id as string, {
          ...args,
          status: this.blobs.has(args.sha256 as string) ? 'ready' : 'pending',
        });
        return { status: 'applied' };
      case 'issue.transition': {
        const rec = this.records.get(`issue:${args.issue_id as string}`);
        if (!rec) return { status: 'rejected', code: 'not_found', message: '找不到该问题' };
        if (rec.data.state !== args.expected_from) {
          return {
            status: 'conflict',
            code: 'state_changed',
            message: '该问题的状态已被他人改变,本次操作已记录为冲突',
          };
        }
        this.putRecord('issue', rec.id, { ...rec.data, state: args.to });
        return { status: 'applied' };
      }
      default:
        return { status: 'applied' };
    }
  }

  private pull(body: Json): Response {
    const clientId = body.client_id as string;
    const limit = (body.limit as number | undefined) ?? 500;
    const raw = body.cookie as string | null;
    let full: boolean;
    let seq: number;
    let cursor = 0;
    let rejection = 0;
    let reset = false;
    const parts = raw ? raw.split('.') : [];
    if (!raw || this.forceReset || (parts[0] !== 'c' && parts[0] !== 'f')) {
      reset = true;
      this.forceReset = false;
      full = true;
      seq = this.seq;
      rejection = parts[0] === 'c' ? Number(parts[2]) : parts[0] === 'f' ? Number(parts[3]) : 0;
    } else if (parts[0] === 'c') {
      full = false;
      seq = Number(parts[1]);
      rejection = Number(parts[2]);
    } else {
      full = true;
      seq = Number(parts[1]);
      cursor = Number(parts[2]);
      rejection = Number(parts[3]);
    }
    let rows: ChangeRow[];
    if (full) {
      const latest = new Map<string, ChangeRow>();
      for (const row of this.changeLog)
        if (row.seq <= seq) latest.set(`${row.type}:${row.id}`, row);
      rows = [...latest.values()]
        .filter((r) => r.seq > cursor && r.op === 'put')
        .sort((a, b) => a.seq - b.seq);
    } else {
      rows = this.changeLog.filter((r) => r.seq > seq);
    }
    const hasMore = rows.length > limit;
    rows = rows.slice(0, limit);
    const changes = rows.map((row) => {
      const rec = this.records.get(`${row.type}:${row.id}`);
      return rec && row.op === 'put'
        ? { op: 'put', type: row.type, id: row.id, version: row.seq, data: rec.data }
        : { op: 'del', type: row.type, id: row.id, version: row.seq, data: null };
    });
    const rejections = this.mutationRecords.filter(
      (r) => r.client_id === clientId && r.id > rejection,
    );
    const nextRejection = rejections.length ? rejections[rejections.length - 1]!.id : rejection;
    let cookie: string;
    if (full)
      cookie = hasMore
        ? `f.${seq}.${rows[rows.length - 1]!.seq}.${nextRejection}`
        : `c.${seq}.${nextRejection}`;
    else cookie = `c.${rows.length ? rows[rows.length - 1]!.seq : seq}.${nextRejection}`;
    return this.json(200, {
      cookie,
      last_mutation_id: this.clients.get(clientId) ?? 0,
      reset,
      changes,
      rejections: rejections.map((r) => ({
        mutation_id: r.mutation_id,
        name: r.name,
        status: r.status,
        code: r.code,
        message: r.message,
        at: '2025-01-01T00:00:00+00:00',
        args: r.args,
      })),
      has_more: hasMore,
    });
  }

  // --- tus ---

  private async tus(req: FakeRequest, body: unknown): Promise<Response> {
    const tusHeader = { 'Tus-Resumable': '1.0.0' };
    if (req.headers['tus-resumable'] !== '1.0.0')
      return this.error(412, 'tus_version_unsupported', '需要 tus 1.0.0', tusHeader);
    if (req.method === 'POST' && req.path === '/api/v1/uploads/') {
      const length = Number(req.headers['upload-length']);
      const meta = decodeMetadata(req.headers['upload-metadata']);
      if (!meta.sha256)
        return this.error(400, 'sha256_missing', '缺少照片的 SHA-256 校验值', tusHeader);
      if (!meta.filetype) return this.error(400, 'filetype_missing', '缺少 filetype', tusHeader);
      this.uploadCounter += 1;
      const id = `u${this.uploadCounter}`;
      const location = `/api/v1/uploads/${id}`;
      const known = this.blobs.get(meta.sha256);
      if (known && known.length === length) {
        this.uploads.set(id, { length, offset: length, sha256: meta.sha256, bytes: known });
        return this.empty(200, {
          ...tusHeader,
          Location: location,
          'Upload-Offset': String(length),
          'Upload-Length': String(length),
        });
      }
      this.uploads.set(id, { length, offset: 0, sha256: meta.sha256, bytes: new Uint8Array(0) });
      return this.empty(201, { ...tusHeader, Location: location });
    }
    const id = req.path.slice('/api/v1/uploads/'.length);
    const upload = this.uploads.get(id);
    if (!upload) return this.error(404, 'upload_not_found', '找不到该上传', tusHeader);
    if (req.method === 'HEAD') {
      return this.empty(200, {
        ...tusHeader,
        'Upload-Offset': String(upload.offset),
        'Upload-Length': String(upload.length),
        'Cache-Control': 'no-store',
      });
    }
    if (req.method === 'PATCH') {
      if (req.headers['content-type'] !== 'application/offset+octet-stream') {
        return this.error(415, 'upload_content_type', 'Content-Type 不对', tusHeader);
      }
      const offset = Number(req.headers['upload-offset']);
      if (offset !== upload.offset || upload.offset === upload.length) {
        return this.error(409, 'upload_offset_mismatch', '上传位置不一致', tusHeader);
      }
      const chunk = new Uint8Array(await (body as Blob).arrayBuffer());
      const joined = new Uint8Array(upload.bytes.length + chunk.length);
      joined.set(upload.bytes);
      joined.set(chunk, upload.bytes.length);
      if (joined.length > upload.length)
        return this.error(413, 'upload_length_exceeded', '超出', tusHeader);
      if (joined.length === upload.length && sha256(joined) !== upload.sha256) {
        this.uploads.delete(id);
        return this.error(
          460,
          'sha256_mismatch',
          '照片校验失败(SHA-256 不一致),请重新上传',
          tusHeader,
        );
      }
      upload.bytes = joined;
      upload.offset = joined.length;
      if (upload.offset === upload.length) this.landed(upload.sha256, joined);
      return this.empty(204, { ...tusHeader, 'Upload-Offset': String(upload.offset) });
    }
    if (req.method === 'DELETE') {
      this.uploads.delete(id);
      return this.empty(204, tusHeader);
    }
    return this.error(405, 'method_not_allowed', '不支持', tusHeader);
  }
}
