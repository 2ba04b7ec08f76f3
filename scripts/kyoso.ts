#!/usr/bin/env -S npx tsx
/** CLI entry point: `npm run build`, `npm run validate`, … all land here. */
import { main } from '../src/cli/main.ts';

await main(process.argv.slice(2));
