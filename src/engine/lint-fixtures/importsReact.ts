// A deliberate layering violation: src/engine must not import React.
// Ignored by the normal lint run; scripts/layering.test.ts lints it and expects an error.
import React from 'react';

export const leaked = React.version;
