/**
 * Small builders for the recipe workspaces, so each recipe spells out only what it teaches
 * (its policies and checks). The output is ordinary, readable Kubernetes YAML.
 */

type Labels = Readonly<Record<string, string>>;

function flow(labels: Labels): string {
  const entries = Object.entries(labels).map(([k, v]) => `${k}: ${v}`);
  return `{ ${entries.join(', ')} }`;
}

/** A Namespace document (the API server adds `kubernetes.io/metadata.name` by itself). */
export function namespace(name: string, labels: Labels = {}): string {
  const meta = Object.keys(labels).length > 0 ? `\n  labels: ${flow(labels)}` : '';
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}${meta}`;
}

/**
 * Container ports from short text: `80` (TCP), `53/UDP`, `8080 http` (named), `53/UDP dns`.
 */
function containerPorts(ports: readonly string[], indent: string): string {
  if (ports.length === 0) return '';
  const items = ports.map((p) => {
    const [numberProto = '', name] = p.split(' ');
    const [port, protocol] = numberProto.split('/');
    const fields = [
      ...(name ? [`name: ${name}`] : []),
      `containerPort: ${port}`,
      ...(protocol ? [`protocol: ${protocol}`] : []),
    ];
    return `${indent}  - { ${fields.join(', ')} }`;
  });
  return `\n${indent}ports:\n${items.join('\n')}`;
}

/** Options of {@link pod}: container ports (see the short forms above) and a pod IP. */
export type PodOptions = {
  readonly ports?: readonly string[];
  readonly ip?: string;
  readonly image?: string;
};

/** A Pod document with one container. */
export function pod(ns: string, name: string, labels: Labels, options: PodOptions = {}): string {
  const status = options.ip ? `\nstatus:\n  podIP: ${options.ip}` : '';
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}
  labels: ${flow(labels)}
spec:
  containers:
    - name: ${name}
      image: ${options.image ?? 'nginx'}${containerPorts(options.ports ?? [], '      ')}${status}`;
}

/** A Deployment document (its pod template stands for its replicas). */
export function deployment(
  ns: string,
  name: string,
  labels: Labels,
  replicas: number,
  ports: readonly string[] = [],
): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: ${flow(labels)}
  template:
    metadata:
      labels: ${flow(labels)}
    spec:
      containers:
        - name: ${name}
          image: nginx${containerPorts(ports, '          ')}`;
}

/** The cluster DNS server as kubeadm names it: kube-system/coredns, labelled `k8s-app: kube-dns`. */
export const COREDNS = pod(
  'kube-system',
  'coredns',
  { 'k8s-app': 'kube-dns' },
  {
    ports: ['53/UDP dns', '53/TCP dns-tcp'],
    image: 'coredns/coredns',
  },
);

/** A ConnectivityTest document; `expectations` is the YAML list, indented by four spaces. */
export function connectivityTest(name: string, expectations: string): string {
  return `apiVersion: netpolcanvas.io/v1alpha1
kind: ConnectivityTest
metadata:
  name: ${name}
spec:
  expectations:
${expectations.replace(/^\n+|\s+$/g, '')}`;
}

/** A NetworkPolicy document; `spec` is its YAML, indented by two spaces. */
export function networkPolicy(name: string, ns: string, spec: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${spec.replace(/^\n+|\s+$/g, '')}`;
}

/** Joins documents into one multi-document YAML text. */
export function documents(...docs: readonly string[]): string {
  return `${docs.map((d) => d.trim()).join('\n---\n')}\n`;
}
