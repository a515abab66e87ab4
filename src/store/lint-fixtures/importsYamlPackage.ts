// Lint fixture: this import breaks the layering on purpose (scripts/layering.test.ts).
import { parse } from 'yaml';

export const read = parse;
