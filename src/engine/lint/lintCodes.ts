import type { Severity } from '../model/diagnostics';

/**
 * The lint catalogue: stable codes for NetworkPolicy gotchas (documented in docs/lint-codes.md).
 * Codes are never reused; a retired check keeps its number.
 */
export const LINT_CODES = {
  NP001: { severity: 'warning', title: 'policy selects no pod' },
  NP002: { severity: 'warning', title: 'peer selects nothing' },
  NP003: { severity: 'warning', title: 'named port defined by no destination pod' },
  NP004: { severity: 'warning', title: 'egress isolation blocks DNS' },
  NP005: { severity: 'warning', title: 'likely AND/OR mistake in peers' },
  NP006: { severity: 'warning', title: 'allow-all rule cancels a default deny' },
  NP007: { severity: 'warning', title: 'ipBlock covers pod IPs' },
  NP008: { severity: 'warning', title: 'duplicate or redundant rule' },
  NP009: { severity: 'warning', title: 'policy in an undeclared namespace' },
  NP010: { severity: 'warning', title: 'rules for a direction missing from policyTypes' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

/** A lint code. */
export type LintCode = keyof typeof LINT_CODES;
