import type { ConnectivityTestResult } from '../engine';

/** Escapes text for XML attribute values and character data. */
export function xmlEscape(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

/**
 * JUnit XML for CI: one `<testsuite>` per ConnectivityTest, one `<testcase>` per expectation;
 * a failing expectation has a `<failure>` whose message is the one-line reason and whose body
 * is the explanation of the first failing pair.
 */
export function toJunitXml(results: readonly ConnectivityTestResult[]): string {
  const total = results.reduce((n, r) => n + r.results.length, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="netpol test" tests="${total}" failures="${failed}" errors="0">`,
  ];
  for (const suite of results) {
    const file = suite.source?.fileName;
    lines.push(
      `  <testsuite name="${xmlEscape(suite.name)}" tests="${suite.results.length}" failures="${suite.failed}" errors="0" skipped="0"${file ? ` file="${xmlEscape(file)}"` : ''}>`,
    );
    for (const r of suite.results) {
      const open = `    <testcase classname="${xmlEscape(suite.name)}" name="${xmlEscape(`#${r.expectation.index + 1} ${r.title}`)}"`;
      if (r.passed) {
        lines.push(`${open}/>`);
        continue;
      }
      const body = r.firstFailure?.explanation ?? r.problem ?? r.message;
      lines.push(
        `${open}>`,
        `      <failure message="${xmlEscape(r.message)}" type="ExpectationFailed">${xmlEscape(body)}</failure>`,
        '    </testcase>',
      );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
