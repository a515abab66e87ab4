// Lint fixture: this import breaks the layering on purpose (scripts/layering.test.ts).
import { applyChange } from '../../yaml/textEdits';

export const apply = applyChange;
