import type { Diagnostic } from '../model/diagnostics';
import type { Workspace } from '../model/workspace';
import {
  checkEmptySubject,
  checkEqualPriorities,
  checkPassWithoutNetworkPolicy,
  checkShadowedDeny,
} from './checkAdminTiers';
import { checkAllowAllCancelsDeny, checkUnenforcedRules } from './checkIsolation';
import { checkDns } from './checkDns';
import { checkNamedPorts } from './checkNamedPorts';
import { checkAndOr, checkIpBlockPodIps } from './checkPeerShapes';
import { checkRedundancy } from './checkRedundancy';
import { checkNamespaces, checkSelection } from './checkSelection';

/** The checks, in catalogue order (docs/lint-codes.md); each can run on its own (see the worker). */
export const LINT_CHECKS: readonly ((ws: Workspace) => Diagnostic[])[] = [
  checkSelection, // NP001, NP002
  checkNamedPorts, // NP003
  checkDns, // NP004
  checkAndOr, // NP005
  checkAllowAllCancelsDeny, // NP006
  checkIpBlockPodIps, // NP007
  checkRedundancy, // NP008
  checkNamespaces, // NP009
  checkUnenforcedRules, // NP010
  checkEqualPriorities, // NP011
  checkPassWithoutNetworkPolicy, // NP012
  checkShadowedDeny, // NP013
  checkEmptySubject, // NP014
];

/**
 * Runs every lint check (the NetworkPolicy and admin-tier gotchas of docs/lint-codes.md) over
 * the valid policies of a workspace. Validation errors are not repeated here: they come from loading.
 */
export function lintWorkspace(ws: Workspace): Diagnostic[] {
  return LINT_CHECKS.flatMap((check) => check(ws));
}
