// Lint fixture: this import breaks the layering on purpose (scripts/layering.test.ts).
import type { AnalyzeRequest } from '../../worker/protocol';

export type Request = AnalyzeRequest;
