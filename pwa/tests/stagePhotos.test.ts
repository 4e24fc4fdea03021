/** A problem's photos by stage: labelling, grouping, and the rules that enable the deciding buttons. */
import { describe, expect, it } from 'vitest';
import { tIn } from '../src/i18n';
import { transitionBody, type OfficeAction } from '../src/lib/issues';
import {
  canPassVerification,
  canReportRectification,
  closeFlags,
  closeProblem,
  flagsOf,
  fromPulled,
  fromRest,
  groupByStage,
  newEvidence,
  photosOfProblem,
  stageCounts,
  stageForNewPhoto,
  stageOf,
  warningFlags,
  type StagePhoto,
} from '../src/lib/stage-photos';

const ISSUE = 'i-1';
const REPORT = 'r-1';

function photo(id: string, over: Partial<StagePhoto> = {}): StagePhoto {
  return {
    id,
    stage: 'found',
    takenAt: '2026-12-01T01:00:00Z',
    receivedAt: null,
    clockSkew: false,
    flags: [],
    pending: false,
    ...over,
  };
}

const FAR = { code: 'far_from_project', severity: 'warning', message: '距项目 2.3 公里' };
const NO_TIME = { code: 'no_exif_time', severity: 'info', message: '照片无拍摄时间' };

const RECTIFIED = { from_state: 'rectifying', to_state: 'rectified', data: { photo_ids: ['u1'] } };

describe('stageOf: the server says, else the same rule on the phone', () => {
  it("keeps the server's stage", () => {
    expect(stageOf({ id: 'x', stage: 'verify', owner_type: 'issue' })).toBe('verify');
  });

  it('labels a report photo 代表 and an inspection photo 检查 by their owner', () => {
    expect(stageOf({ id: 'x', owner_type: 'report' })).toBe('report');
    expect(stageOf({ id: 'x', owner_type: 'inspection' })).toBe('inspection');
  });

  it('labels a photo a move cited by that move: 已整改 → 整改, a check → 复核', () => {
    const events = [
      RECTIFIED,
      { from_state: 'rectified', to_state: 'rectifying', data: { photo_ids: ['v1'] } },
    ];
    expect(stageOf({ id: 'u1', owner_type: 'issue' }, events)).toBe('rectify');
    expect(stageOf({ id: 'v1', owner_type: 'issue' }, events)).toBe('verify');
  });

  it("gives a photo still on this phone its taker's stage, any other photo 发现", () => {
    expect(stageOf({ id: 'n', owner_type: 'issue', pending: true }, [], 'rectify')).toBe('rectify');
    expect(stageOf({ id: 'n', owner_type: 'issue', pending: false }, [], 'rectify')).toBe('found');
  });

  it('ignores a stage it does not know', () => {
    expect(stageOf({ id: 'x', stage: 'after', owner_type: 'report' })).toBe('report');
  });
});

describe('stageForNewPhoto: what a photo taken now becomes', () => {
  it('is 整改 for a unit, 代表 for a deputy, 复核 for an inspector at a rectified problem', () => {
    expect(stageForNewPhoto('unit', 'rectifying')).toBe('rectify');
    expect(stageForNewPhoto('deputy', 'found')).toBe('report');
    expect(stageForNewPhoto('inspector', 'rectified')).toBe('verify');
    expect(stageForNewPhoto('supervisor', 'found')).toBe('found');
  });
});

describe('groupByStage: before beside after, labelled', () => {
  it('puts 代表 and 发现 before, 整改 and 复核 after, oldest first, empty stages left out', () => {
    const { before, after } = groupByStage([
      photo('v', { stage: 'verify' }),
      photo('r2', { stage: 'rectify', takenAt: '2026-12-03T00:00:00Z' }),
      photo('r1', { stage: 'rectify', takenAt: '2026-12-02T00:00:00Z' }),
      photo('d', { stage: 'report' }),
      photo('f', { stage: 'found' }),
    ]);
    expect(before.map((g) => g.stage)).toEqual(['report', 'found']);
    expect(after.map((g) => g.stage)).toEqual(['rectify', 'verify']);
    expect(after[0]!.photos.map((p) => p.id)).toEqual(['r1', 'r2']);
  });

  it('has no after groups before the unit answered', () => {
    const { before, after } = groupByStage([photo('f')]);
    expect(before).toHaveLength(1);
    expect(after).toEqual([]);
  });

  it('counts the photos per stage', () => {
    const counts = stageCounts([photo('a'), photo('b', { stage: 'rectify' }), photo('c')]);
    expect(counts).toEqual({ inspection: 0, found: 2, rectify: 1, verify: 0, report: 0 });
  });

  it('has a Chinese and an English label for every stage', () => {
    for (const stage of ['report', 'found', 'inspection', 'rectify', 'verify'])
      expect(tIn('en', `photos.stage.${stage}`)).not.toBe(tIn('zh-CN', `photos.stage.${stage}`));
    expect(tIn('zh-CN', 'photos.stage.found')).toBe('发现');
    expect(tIn('en', 'photos.stage.verify')).toBe('Check');
  });
});

describe('flags', () => {
  it("reads a pulled photo's flags in the reader's language", () => {
    const evidence = { flags: [{ ...FAR, message_en: '2.3 km from the project' }] };
    expect(flagsOf(evidence, 'zh-CN')[0]!.message).toBe('距项目 2.3 公里');
    expect(flagsOf(evidence, 'en')[0]!.message).toBe('2.3 km from the project');
    expect(flagsOf(null, 'zh-CN')).toEqual([]);
    expect(flagsOf({ flags: 'nonsense' }, 'zh-CN')).toEqual([]);
  });

  it('keeps warnings once each and leaves information out', () => {
    const flags = warningFlags([
      photo('a', { flags: [FAR, NO_TIME] }),
      photo('b', { flags: [FAR] }),
    ]);
    expect(flags).toEqual([FAR]);
  });

  it("销号 weighs the server's warning flags, in the reader's language", () => {
    const issue = {
      warning_flags: [
        {
          photo_id: 'u1',
          stage: 'rectify',
          code: 'edited',
          message: '照片经编辑软件处理',
          message_en: 'Edited',
        },
      ],
    };
    expect(closeFlags(issue, [], 'zh-CN').map((f) => f.message)).toEqual(['照片经编辑软件处理']);
    expect(closeFlags(issue, [], 'en').map((f) => f.message)).toEqual(['Edited']);
    expect(closeFlags({ warning_flags: ['far_from_project'] }, [], 'zh-CN')[0]!.code).toBe(
      'far_from_project',
    );
  });

  it('falls back to the warnings of the rectification and check photos, not the found ones', () => {
    const photos = [
      photo('f', { flags: [NO_TIME, { ...FAR, message: '发现照片远' }] }),
      photo('u', { stage: 'rectify', flags: [FAR] }),
    ];
    expect(closeFlags({}, photos, 'zh-CN')).toEqual([FAR]);
  });
});

describe('the evidence a move cites', () => {
  const photos = [
    photo('f'), // the inspector's found photo
    photo('u1', { stage: 'rectify' }), // cited by the earlier 已整改
    photo('u2', { stage: 'rectify', pending: true }),
    photo('v1', { stage: 'verify' }),
  ];

  it("never offers the inspector's found photo as the unit's evidence", () => {
    expect(newEvidence([photo('f')], 'rectify', [])).toEqual([]);
  });

  it('offers the unit only its photos no move cited yet', () => {
    expect(newEvidence(photos, 'rectify', [RECTIFIED]).map((p) => p.id)).toEqual(['u2']);
  });

  it("offers 复核 the checker's photos only", () => {
    expect(newEvidence(photos, 'verify', [RECTIFIED]).map((p) => p.id)).toEqual(['v1']);
  });

  it('enables 提交整改 only with a new photo and a note', () => {
    expect(canReportRectification([], '已修复')).toBe(false);
    expect(canReportRectification([photo('u2')], '  ')).toBe(false);
    expect(canReportRectification([photo('u2')], '已修复')).toBe(true);
  });

  it('enables 复核通过 only with a photo by the checker', () => {
    expect(canPassVerification([])).toBe(false);
    expect(canPassVerification([photo('v1')])).toBe(true);
  });

  it("sends the check photos with the office's 复核, and the reason with 销号", () => {
    const verify: OfficeAction = { kind: 'verify', to: 'verified', needs: {} };
    const close: OfficeAction = { kind: 'close', to: 'closed', needs: {} };
    const form = {
      unitId: '',
      deadline: '',
      requirements: '',
      reason: ' 已电话核实 ',
      duplicateOf: '',
    };
    expect(transitionBody(verify, 'rectified', form, ['v1'])).toEqual({
      to: 'verified',
      expected_from: 'rectified',
      reason: '已电话核实',
      photo_ids: ['v1'],
    });
    expect(transitionBody(close, 'verified', form).reason).toBe('已电话核实');
  });

  it('asks a reason for 销号 only when the server says the photos raised doubts', () => {
    expect(closeProblem({ close_needs_reason: true }, '')).toBe('photos.close.needReason');
    expect(closeProblem({ close_needs_reason: true }, '现场核实无误')).toBeNull();
    expect(closeProblem({ close_needs_reason: false }, '')).toBeNull();
    expect(closeProblem({}, '')).toBeNull();
  });
});

describe('the photos of one problem', () => {
  const all = [
    { id: 'a', owner_type: 'issue', owner_id: ISSUE },
    { id: 'b', owner_type: 'event', owner_id: ISSUE },
    { id: 'c', owner_type: 'report', owner_id: REPORT },
    { id: 'd', owner_type: 'issue', owner_id: 'other' },
    { id: 'e', owner_type: 'inspection', owner_id: ISSUE },
  ];

  it("takes its own, its events' and its source report's photos", () => {
    expect(photosOfProblem(all, ISSUE, REPORT).map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(photosOfProblem(all, ISSUE, null).map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('reads pulled and REST photos alike', () => {
    const pulled = fromPulled(
      {
        id: 'a',
        owner_type: 'issue',
        stage: 'rectify',
        taken_at: 'T',
        received_at: 'R',
        clock_skew: true,
      },
      'zh-CN',
    );
    expect(pulled).toMatchObject({
      stage: 'rectify',
      takenAt: 'T',
      receivedAt: 'R',
      clockSkew: true,
    });
    const rest = fromRest({ id: 'a', stage: 'verify', flags: [FAR] });
    expect(rest).toMatchObject({ stage: 'verify', flags: [FAR], pending: false });
  });
});
