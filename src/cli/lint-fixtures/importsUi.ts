// Lint fixture: this import breaks the layering on purpose (scripts/layering.test.ts).
import { App } from '../../ui/app/App';

export const app = App;
