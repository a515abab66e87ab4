// Lint fixture: this import breaks the layering on purpose (scripts/layering.test.ts).
import { loadWorkspace } from '../../engine';

export const load = loadWorkspace;
