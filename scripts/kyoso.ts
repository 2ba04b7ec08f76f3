#!/usr/bin/env -S npx tsx
/** The CLI from its TypeScript sources (development; `npm run` scripts use the compiled bin/kyoso-docs.js). */
import { main } from '../src/cli/main.ts';

await main(process.argv.slice(2));
