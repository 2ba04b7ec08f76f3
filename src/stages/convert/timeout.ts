/**
 * A deadline for a browser call that has none of its own: race `promise` against a timeout (for calls without their own, e.g. screenshots). The error is
 * named as puppeteer's own, so withPage retries it and reports BROWSER_FAILED (a screenshot that
 * hung on a loaded machine ended as an internal error with a stack trace).
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} timed out after ${ms} ms`), { name: 'TimeoutError' })), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
