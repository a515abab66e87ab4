import { ValidationCode as V, DiagnosticSink, type Result } from '../model/diagnostics';
import { podKey } from '../model/ids';
import type { ContainerPort, ObjectOrigin, PodInfo, PodKind, WorkloadKind } from '../model/resources';
import { canonicalIp } from '../selectors/cidr';
import { describeType, isInteger, isRecord, listField, quote, recordField, type RawRecord } from './fields';
import { normalizeLabels } from './normalizeSelector';
import { normalizeMetadata } from './normalizeMetadata';
import { checkPortName, checkPortNumber } from './validateNames';
import type { Interner } from './intern';

/** Kinds whose pod template stands for their pods. */
export const WORKLOAD_KINDS: readonly WorkloadKind[] = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
];

/**
 * Reads a Pod or a workload into a {@link PodInfo}. Workloads contribute their pod template
 * (`spec.template`, for CronJob `spec.jobTemplate.spec.template`): template labels, container
 * ports (protocol defaulting to TCP) and the replica count (`replicas`, for Jobs `parallelism`,
 * default 1; unknown for DaemonSets). Pod IPs come from `status.podIPs`/`status.podIP`.
 * Returns undefined when the object has no valid name. With an {@link Interner}, equal labels,
 * port lists, namespaces and node names are shared with the other objects of the load.
 */
export function normalizeWorkload(
  obj: RawRecord,
  kind: PodKind,
  origin: ObjectOrigin,
  intern?: Interner,
): Result<PodInfo | undefined> {
  const sink = new DiagnosticSink(origin);
  const meta = normalizeMetadata(obj, 'namespaced', 'subdomain', sink);
  if (!meta.valid) return { value: undefined, diagnostics: sink.diagnostics };
  const spec = recordField(obj, 'spec');
  let labels = meta.labels;
  let podSpec = spec;
  let podSpecPath: (string | number)[] = ['spec'];
  let replicas: number | undefined = 1;
  if (kind !== 'Pod') {
    const jobSpec = kind === 'CronJob' ? recordField(recordField(spec, 'jobTemplate'), 'spec') : spec;
    const templatePath =
      kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template'] : ['spec', 'template'];
    const template = recordField(jobSpec, 'template');
    if (!template)
      sink.warning(
        V.required,
        templatePath,
        `${kind} has no pod template: it stands for pods with no labels and no ports`,
      );
    labels = normalizeLabels(
      recordField(template, 'metadata')?.['labels'],
      [...templatePath, 'metadata', 'labels'],
      sink,
    );
    podSpec = recordField(template, 'spec');
    podSpecPath = [...templatePath, 'spec'];
    const countField = kind === 'Job' || kind === 'CronJob' ? 'parallelism' : 'replicas';
    const count = jobSpec?.[countField];
    replicas = kind === 'DaemonSet' ? undefined : isInteger(count) && count >= 0 ? count : 1;
  }
  const hostNetwork = podSpec?.['hostNetwork'] === true;
  const rawNode = podSpec?.['nodeName'];
  const nodeName = typeof rawNode === 'string' ? (intern ? intern.string(rawNode) : rawNode) : undefined;
  const ports = readContainerPorts(podSpec, podSpecPath, sink);
  const pod: PodInfo = {
    key: podKey(meta.namespace, meta.name),
    namespace: intern ? intern.string(meta.namespace) : meta.namespace,
    name: meta.name,
    labels: intern ? intern.labels(labels) : labels,
    ports: intern ? intern.ports(ports) : ports,
    kind,
    ...(replicas === undefined ? {} : { replicas }),
    ...(nodeName === undefined ? {} : { nodeName }),
    hostNetwork,
    ips: kind === 'Pod' ? readPodIps(recordField(obj, 'status'), sink) : [],
    source: origin,
  };
  return { value: pod, diagnostics: sink.diagnostics };
}

function readContainerPorts(
  podSpec: RawRecord | undefined,
  path: (string | number)[],
  sink: DiagnosticSink,
): ContainerPort[] {
  const out: ContainerPort[] = [];
  (listField(podSpec, 'containers') ?? []).forEach((c, ci) => {
    (listField(isRecord(c) ? c : undefined, 'ports') ?? []).forEach((p, pi) => {
      const port = readContainerPort(p, () => [...path, 'containers', ci, 'ports', pi], sink);
      if (port) out.push(port);
    });
  });
  // A pushed-to array keeps room for 17 elements: copy to the exact size (kept per pod).
  return out.length === 0 ? [] : out.slice();
}

function readContainerPort(
  raw: unknown,
  pathOf: () => (string | number)[],
  sink: DiagnosticSink,
): ContainerPort | undefined {
  if (!isRecord(raw)) {
    const path = pathOf();
    sink.error(V.type, path, `must be a mapping with containerPort, not ${describeType(raw)}`);
    return undefined;
  }
  const { containerPort, name, protocol = 'TCP' } = raw;
  if (!isInteger(containerPort)) {
    sink.error(V.required, [...pathOf(), 'containerPort'], 'containerPort must be a number');
    return undefined;
  }
  const errs = checkPortNumber(containerPort);
  for (const e of errs) sink.error(V.invalid, [...pathOf(), 'containerPort'], `${containerPort}: ${e}`);
  if (protocol !== 'TCP' && protocol !== 'UDP' && protocol !== 'SCTP') {
    sink.error(
      V.notSupported,
      [...pathOf(), 'protocol'],
      `unsupported protocol ${quote(protocol)}: supported values are "TCP", "UDP", "SCTP"`,
    );
    return undefined;
  }
  if (errs.length > 0) return undefined;
  if (name === undefined || name === null) return { port: containerPort, protocol: protocol };
  const nameErrs = typeof name === 'string' ? checkPortName(name) : ['must be a string'];
  for (const e of nameErrs) sink.error(V.invalid, [...pathOf(), 'name'], `port name ${quote(name)}: ${e}`);
  return nameErrs.length > 0
    ? { port: containerPort, protocol: protocol }
    : { name: name as string, port: containerPort, protocol: protocol };
}

function readPodIps(status: RawRecord | undefined, sink: DiagnosticSink): string[] {
  const single = status?.['podIP'];
  if (typeof single === 'string' && status?.['podIPs'] === undefined) {
    // The common case, without the lists below (their room for 17 elements would be kept per pod).
    const ip = canonicalIp(single);
    if (ip !== undefined) return [ip];
  }
  const texts: { text: unknown; path: (string | number)[] }[] = [];
  const podIPs = listField(status, 'podIPs');
  if (podIPs)
    podIPs.forEach((e, i) =>
      texts.push({ text: isRecord(e) ? e['ip'] : e, path: ['status', 'podIPs', i, 'ip'] }),
    );
  else if (status?.['podIP'] !== undefined) texts.push({ text: status['podIP'], path: ['status', 'podIP'] });
  const ips: string[] = [];
  for (const { text, path } of texts) {
    const ip = typeof text === 'string' ? canonicalIp(text) : undefined;
    if (ip === undefined) sink.warning(V.invalid, path, `${quote(text)} is not an IP address; ignored`);
    else if (!ips.includes(ip)) ips.push(ip);
  }
  return ips.slice();
}
