// Lint fixture: this import breaks the layering on purpose (scripts/layering.test.ts).
import { createWorkerClient } from '../../worker/client';

export const start = createWorkerClient;
