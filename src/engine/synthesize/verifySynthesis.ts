import { compilePolicy } from '../compile/compilePolicy';
import { diffConnectivity, type ConnectivityChange } from '../diff/diffConnectivity';
import { computeTruthTable } from '../evaluate/computeTruthTable';
import { evaluateConnection } from '../evaluate/evaluateConnection';
import type { Expectation } from '../expectations/model';
import { runExpectation } from '../expectations/runExpectations';
import { formatPortQuery } from '../explain/explainVerdict';
import type { PolicyKey } from '../model/ids';
import type { CompiledPolicy } from '../model/policy';
import type { Protocol } from '../model/resources';
import type { Endpoint, PortSpec, Verdict } from '../model/verdict';
import type { Workspace } from '../model/workspace';
import { normalizePolicy } from '../normalize/normalizePolicy';
import {
  asksPort,
  describeExpectation,
  DNS_PORTS,
  isKubeDns,
  pairKey,
  type ExpandedIntent,
  type PortKey,
} from './expandIntent';
import type { NetworkPolicyManifest, SynthesisProblem } from './model';
import { isPolicyPair } from './units';

/** What verification needs. */
export type VerifyInput = {
  /** The current workspace. */
  readonly ws: Workspace;
  /** The workspace whose policies stay (the current one, or without its NetworkPolicies). */
  readonly base: Workspace;
  readonly policies: readonly NetworkPolicyManifest[];
  readonly intent: readonly Expectation[];
  readonly expanded: ExpandedIntent;
  readonly leastPrivilege: boolean;
  readonly dns: boolean;
};

/** The verdict of verification: problems (none when verified), and the connections that change. */
export type Verification = {
  readonly problems: SynthesisProblem[];
  readonly opened: ConnectivityChange[];
  readonly closed: ConnectivityChange[];
};

const MAX_REPORTED = 10;

/**
 * Evaluates the base workspace plus the synthesized policies with the engine: every expectation
 * must pass (`runExpectation`), and under least privilege every pod pair with an end in a
 * covered namespace must be allowed exactly on the ports the intent asks for, checked on every
 * port a pod declares or the intent names, DNS, and the ports 1 and 65535 of each protocol
 * (kube-dns on 53 is exempt). A failure is attributed to an admin-tier policy, to a kept
 * policy (`existing-allows`), or to synthesis itself (`verification`: a bug).
 */
export function verifySynthesis(input: VerifyInput): Verification {
  const { ws, base, intent, expanded } = input;
  const problems: SynthesisProblem[] = [];
  const compiled: CompiledPolicy[] = [];
  input.policies.forEach((p, documentIndex) => {
    const origin = {
      documentIndex,
      kind: 'NetworkPolicy',
      namespace: p.metadata.namespace,
      name: p.metadata.name,
    };
    const r = normalizePolicy(p, origin);
    if (r.value) compiled.push(compilePolicy(r.value));
    else
      problems.push({
        kind: 'verification',
        message: `synthesized policy ${p.metadata.namespace}/${p.metadata.name} is invalid: ${r.diagnostics
          .filter((d) => d.severity === 'error')
          .map((d) => d.message)
          .join('; ')}`,
        expectations: [],
        pods: [],
      });
  });
  if (problems.length > 0) return { problems, opened: [], closed: [] };
  const generated = new Set(compiled.map((p) => p.key));
  const final: Workspace = { ...base, policies: [...base.policies, ...compiled] };
  const attribute = (verdict: Verdict, shouldAllow: boolean): SynthesisProblem['kind'] => {
    const decisions = [...verdict.egress.decisions, ...verdict.ingress.decisions];
    if (decisions.some((d) => d.tier !== 'networkpolicy' && (d.kind === 'allowed' || d.kind === 'blocked')))
      return 'admin-tier';
    if (!shouldAllow && keptAdmitting(verdict, generated).length > 0) return 'existing-allows';
    return 'verification';
  };

  intent.forEach((e, i) => {
    const r = runExpectation(final, e);
    if (r.passed) return;
    const failure = r.firstFailure;
    const kind = failure ? attribute(failure.verdict, e.expect === 'allowed') : 'verification';
    const kept = failure ? keptAdmitting(failure.verdict, generated) : [];
    problems.push({
      kind,
      message: `${describeExpectation(intent, i)} fails with the synthesized policies: ${r.message}${
        kind === 'existing-allows' ? `; ${keptMessage(kept)}` : ''
      }${failure && kind !== 'existing-allows' ? `\n${failure.explanation}` : ''}`,
      expectations: [i],
      pods: failure ? podsOf(failure.from, failure.to) : [],
    });
  });

  const probes = probePorts(ws, expanded);
  if (input.leastPrivilege) problems.push(...checkLeastPrivilege(input, final, probes, attribute, generated));
  if (problems.length > 0) return { problems, opened: [], closed: [] };
  const { opened, closed } = changes(ws, final, expanded, probes);
  return { problems, opened, closed };
}

function checkLeastPrivilege(
  input: VerifyInput,
  final: Workspace,
  probes: PortSpec[],
  attribute: (v: Verdict, shouldAllow: boolean) => SynthesisProblem['kind'],
  generated: ReadonlySet<PolicyKey>,
): SynthesisProblem[] {
  const { expanded, dns } = input;
  const all = [...probes, ...extremes()];
  const table = computeTruthTable(final, { ports: all });
  const pods = final.pods;
  const problems: SynthesisProblem[] = [];
  let more = 0;
  for (let i = 0; i < pods.length; i++) {
    const a = pods[i]!;
    if (a.hostNetwork) continue;
    for (let j = 0; j < pods.length; j++) {
      const b = pods[j]!;
      if (b.hostNetwork || !isPolicyPair(a, b)) continue;
      if (!expanded.covered.has(a.namespace) && !expanded.covered.has(b.namespace)) continue;
      const from: Endpoint = { kind: 'pod', key: a.key };
      const to: Endpoint = { kind: 'pod', key: b.key };
      const ask = expanded.asks.get(pairKey(from, to));
      all.forEach((port, k) => {
        const key: PortKey = `${port.port}/${port.protocol}`;
        if (dns && isKubeDns(b) && DNS_PORTS.includes(key)) return;
        const want = asksPort(ask?.ports, key);
        if (table.isAllowed(i, j, k) === want) return;
        if (problems.length >= MAX_REPORTED) {
          more++;
          return;
        }
        const verdict = evaluateConnection(final, from, to, port);
        const kind = attribute(verdict, want);
        const what = `${a.key} -> ${b.key} on ${formatPortQuery(port)}`;
        const why = want
          ? `the intent allows ${what} (${[...(ask?.expectations ?? [])].map((e) => `#${e}`).join(', ')}), but it stays blocked`
          : `least privilege wants ${what} blocked (no allowed expectation asks for it), but it is allowed`;
        problems.push({
          kind,
          message: `${why}${kind === 'existing-allows' ? `; ${keptMessage(keptAdmitting(verdict, generated))}` : ''}`,
          expectations: [...(ask?.expectations ?? [])],
          pods: [a.key, b.key],
        });
      });
    }
  }
  if (more > 0)
    problems.push({
      kind: problems[0]?.kind ?? 'verification',
      message: `and ${more} more pod pair(s) and port(s) like these`,
      expectations: [],
      pods: [],
    });
  return problems;
}

/** The kept (not synthesized) policies that admit a connection in either direction. */
function keptAdmitting(v: Verdict, generated: ReadonlySet<PolicyKey>): PolicyKey[] {
  return [
    ...new Set(
      [...v.egress.admittedBy, ...v.ingress.admittedBy].map((m) => m.policy).filter((p) => !generated.has(p)),
    ),
  ];
}

function keptMessage(kept: readonly PolicyKey[]): string {
  return `existing ${kept.join(', ') || 'policies'} allow(s) it, and policies only add: a new policy cannot take that away (narrow or remove it, or synthesize with mode replace)`;
}

function podsOf(...es: Endpoint[]): string[] {
  return es.flatMap((e) => (e.kind === 'pod' ? [e.key] : []));
}

/** Every port a pod declares or the intent names, and DNS, as concrete port questions. */
function probePorts(ws: Workspace, x: ExpandedIntent): PortSpec[] {
  const keys = new Set<PortKey>(DNS_PORTS);
  for (const p of ws.pods) for (const c of p.ports) keys.add(`${c.port}/${c.protocol}`);
  for (const ask of x.asks.values()) if (ask.ports !== 'all') for (const k of ask.ports) keys.add(k);
  for (const b of x.blocks) if (b.port !== undefined) keys.add(b.port);
  return [...keys].map((k) => {
    const [port, protocol] = k.split('/') as [string, Protocol];
    return { port: Number(port), protocol };
  });
}

/** Ports nobody names, one low and one high per protocol: "every other port". */
function extremes(): PortSpec[] {
  return (['TCP', 'UDP', 'SCTP'] as const).flatMap((protocol) => [
    { port: 1, protocol },
    { port: 65535, protocol },
  ]);
}

/**
 * The connections that change versus the current workspace: per pod pair (and address the
 * intent names), the ports the destination declares, the pair asks for, or DNS to kube-dns;
 * `any` for a pair that changed on none of those.
 */
function changes(
  ws: Workspace,
  final: Workspace,
  x: ExpandedIntent,
  probes: PortSpec[],
): { opened: ConnectivityChange[]; closed: ConnectivityChange[] } {
  const externals = new Set<string>();
  for (const a of x.asks.values()) for (const e of [a.from, a.to]) if (e.kind === 'ip') externals.add(e.ip);
  for (const b of x.blocks) for (const e of [b.from, b.to]) if (e.kind === 'ip') externals.add(e.ip);
  const diff = diffConnectivity(ws, final, [...probes, 'any'], [...externals]);
  const relevant = (c: ConnectivityChange): boolean => {
    const port = c.port;
    if (port === 'any') return false;
    const key = `${port.port}/${port.protocol}`;
    const ask = x.asks.get(pairKey(c.fromEndpoint, c.toEndpoint));
    if (ask && asksPort(ask.ports, key)) return true;
    if (c.toEndpoint.kind !== 'pod') return false;
    const to = ws.podByKey.get(c.toEndpoint.key);
    if (!to) return false;
    return (
      to.ports.some((p) => p.port === port.port && p.protocol === port.protocol) ||
      (isKubeDns(to) && DNS_PORTS.includes(key))
    );
  };
  const pick = (list: readonly ConnectivityChange[]): ConnectivityChange[] => {
    const kept = list.filter(relevant);
    const pairs = new Set(kept.map((c) => `${c.from}>${c.to}`));
    return [...kept, ...list.filter((c) => c.port === 'any' && !pairs.has(`${c.from}>${c.to}`))];
  };
  return { opened: pick(diff.gained), closed: pick(diff.lost) };
}
