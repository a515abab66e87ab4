// Lint fixture: this import breaks the layering on purpose (scripts/layering.test.ts).
export const later = () => import('../../yaml/textEdits');
