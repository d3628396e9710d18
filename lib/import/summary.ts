/** Counts for the preview: "412 logins, 9 notes, 2 cards · 3 left out (2 in the trash)". */
import type { CandidateType, ImportProblemReason, ImportResult } from './types';

export interface ImportSummary {
  total: number;
  byType: Record<CandidateType, number>;
  problems: number;
  byProblem: Partial<Record<ImportProblemReason, number>>;
}

export function summarize(result: Pick<ImportResult, 'candidates' | 'problems'>): ImportSummary {
  const byType: Record<CandidateType, number> = { login: 0, note: 0, card: 0, identity: 0 };
  for (const candidate of result.candidates) byType[candidate.type]++;
  const byProblem: Partial<Record<ImportProblemReason, number>> = {};
  for (const problem of result.problems) {
    byProblem[problem.reason] = (byProblem[problem.reason] ?? 0) + 1;
  }
  return {
    total: result.candidates.length,
    byType,
    problems: result.problems.length,
    byProblem,
  };
}
