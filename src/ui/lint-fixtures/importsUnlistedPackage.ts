// Lint fixture: this import breaks the layering on purpose (scripts/layering.test.ts).
import fc from 'fast-check';

export const arbitrary = fc.nat;
