#!/usr/bin/env node
// npm install hook. The LAPACK addon is built by the engine issue; until then, nothing to do.
process.exit(0)
