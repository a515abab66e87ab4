import type { Severity } from '../model/diagnostics';

/**
 * The lint catalogue: stable codes for NetworkPolicy and admin-tier gotchas (documented in docs/lint-codes.md).
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
  NP011: { severity: 'warning', title: 'admin policies with equal priorities overlap' },
  NP012: { severity: 'warning', title: 'Pass with no NetworkPolicy to pass to' },
  NP013: { severity: 'warning', title: 'Deny rule shadowed by an earlier rule' },
  NP014: { severity: 'warning', title: 'admin policy subject selects no pod' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

/** A lint code. */
export type LintCode = keyof typeof LINT_CODES;
