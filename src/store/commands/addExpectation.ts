import { connectivityTestToObject, expectationToObject } from '../../engine';
import type { Expectation } from '../../engine';
import { appendDocument, appendIn } from '../../yaml/textEdits';
import type { Command } from './command';
import { edit } from './command';

/** Adds an expectation to the workspace's first ConnectivityTest, or starts one. */
export const addExpectation: Command<{ expectation: Expectation }> = {
  id: 'addExpectation',
  label: 'Add a connectivity check',
  perform({ text, workspace }, { expectation }) {
    const test = workspace.tests.find((t) => t.source && (t.source.objectPath ?? []).length === 0);
    if (test?.source) {
      const change = appendIn(
        text,
        test.source.documentIndex,
        ['spec', 'expectations'],
        expectationToObject(expectation),
      );
      if (change) return edit(change);
    }
    return edit(
      appendDocument(
        text,
        connectivityTestToObject('checks', [expectation]),
        'Connectivity checks: run live on the canvas and with `netpol test`.',
      ),
    );
  },
};
