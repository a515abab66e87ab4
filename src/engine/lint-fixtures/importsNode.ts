// Lint fixture: this import breaks the layering on purpose (scripts/layering.test.ts).
import { readFileSync } from 'node:fs';

export const read = readFileSync;
