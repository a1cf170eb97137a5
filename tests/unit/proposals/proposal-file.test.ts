import { describe, expect, it } from 'vitest';
import { validateGuidancePack } from '../../../utils/guidance/parse-pack';
import { proposalStatus, withDecision } from '../../../utils/proposals/decisions';
import { parseProposalFile } from '../../../utils/proposals/parse-proposal';
import { MAX_PROPOSAL_DECISIONS, type ProposalDecision } from '../../../utils/schemas/proposal';
import { DEFAULT_PACK_TEXT } from '../pack-fixtures';

const proposal = {
  format: 'dalil.template-proposal',
  formatVersion: 1,
  id: 'p-6f1c2d3e-0000-4000-8000-000000000001',
  createdAt: '2026-12-06T10:00:00.000Z',
  author: 'سارة',
  packId: 'dalil-default',
  packVersion: 1,
  template: {
    id: 'my-refund.card',
    title: 'استرداد — بطاقة',
    body: 'أهلًا {{commenter.firstName|عزيزنا}}،\nيصلك المبلغ خلال ٥ أيام.',
    lang: 'ar',
    shortcut: ';استرداد',
    tags: [],
    status: 'draft',
  },
  note: 'يُستعمل كثيرًا في رمضان',
};
const text = (value: unknown) => JSON.stringify(value);

describe('a proposal file', () => {
  it('reads a well-formed file whole', () => {
    const parsed = parseProposalFile(text(proposal));
    expect(parsed.ok && parsed.proposal.template.title).toBe('استرداد — بطاقة');
  });

  it('refuses a field it does not know, a wrong format and a bad template, each with its JSON path', () => {
    const parsed = parseProposalFile(
      text({
        ...proposal,
        format: 'dalil.guidance-pack',
        script: '<img onerror=x>',
        template: { ...proposal.template, shortcut: 'no spaces allowed', body: '' },
      }),
    );
    expect(parsed.ok).toBe(false);
    const paths = parsed.ok ? [] : parsed.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['format', 'template.shortcut', 'template.body']));
    // The unknown key is named, not silently dropped.
    expect(parsed.ok ? '' : JSON.stringify(parsed.problems)).toContain('script');
  });

  it('refuses a newer format version rather than misreading it', () => {
    const parsed = parseProposalFile(text({ ...proposal, formatVersion: 2 }));
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.path)).toEqual(['formatVersion']);
  });

  it('refuses a file over 64 kB before parsing it, and text that is not JSON with where it broke', () => {
    const big = parseProposalFile(text({ ...proposal, note: 'x'.repeat(70 * 1024) }));
    expect(big.ok ? undefined : big.problems[0]).toMatchObject({
      path: '$',
      code: 'proposal-too-large',
      params: { limit: '64' },
    });
    const broken = parseProposalFile('{"format": "dalil.template-proposal",');
    expect(broken.ok ? undefined : broken.problems[0]).toMatchObject({ path: '$', code: 'invalid-json' });
  });

  it('refuses an id that is not a safe pack id (it becomes the decision key in the pack)', () => {
    const parsed = parseProposalFile(text({ ...proposal, id: '../../etc/passwd' }));
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.path)).toEqual(['id']);
  });
});

describe('decisions carried by the pack', () => {
  const decision = (proposalId: string, kind: ProposalDecision['decision'], comment?: string): ProposalDecision => ({
    proposalId,
    decision: kind,
    decidedAt: '2026-12-06T11:00:00.000Z',
    ...(comment ? { comment } : {}),
  });

  it('a proposal is pending until the pack carries its answer; the latest answer wins', () => {
    expect(proposalStatus('p-1', undefined).status).toBe('pending');
    let list = withDecision(undefined, decision('p-1', 'declined', 'Too long'));
    list = withDecision(list, decision('p-2', 'approved'));
    expect(proposalStatus('p-1', list)).toMatchObject({ status: 'declined', decision: { comment: 'Too long' } });
    list = withDecision(list, decision('p-1', 'approved', 'Shortened it'));
    expect(list.filter((d) => d.proposalId === 'p-1')).toHaveLength(1);
    expect(proposalStatus('p-1', list)).toMatchObject({ status: 'approved', decision: { comment: 'Shortened it' } });
    expect(proposalStatus('p-3', list).status).toBe('pending');
  });

  it('keeps the newest decisions only, within what a pack may hold', () => {
    let list: ProposalDecision[] = [];
    for (let i = 0; i <= MAX_PROPOSAL_DECISIONS; i++) list = withDecision(list, decision(`p-${i}`, 'approved'));
    expect(list).toHaveLength(MAX_PROPOSAL_DECISIONS);
    expect(list[0].proposalId).toBe('p-1');
  });

  it('a pack with decisions validates; a malformed decision is refused with its path; packs without them are as before', () => {
    const pack = JSON.parse(DEFAULT_PACK_TEXT);
    expect(validateGuidancePack(pack).ok).toBe(true);
    const withDecisions = validateGuidancePack({ ...pack, proposalDecisions: [decision('p-1', 'approved', 'شكرًا')] });
    expect(withDecisions.ok && withDecisions.pack.proposalDecisions?.[0].comment).toBe('شكرًا');
    const bad = validateGuidancePack({ ...pack, proposalDecisions: [{ ...decision('p-1', 'approved'), decision: 'maybe' }] });
    expect(bad.ok ? [] : bad.problems.map((p) => p.path)).toEqual(['proposalDecisions[0].decision']);
  });
});
