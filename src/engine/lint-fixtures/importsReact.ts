// Lint fixture: this import breaks the layering on purpose (scripts/layering.test.ts).
import { useState } from 'react';

export const hook = useState;
