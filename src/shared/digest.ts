/** The one content digest of the tool (manifest inputs, caches, release sums): SHA-256 as hex. */
import { createHash } from 'node:crypto';

export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
