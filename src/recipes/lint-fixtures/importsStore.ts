// Lint fixture: this import breaks the layering on purpose (scripts/layering.test.ts).
import type { AppState } from '../../store/appStore';

export type State = AppState;
