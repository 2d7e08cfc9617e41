// Free loopback ports for the servers of a run, so concurrent runs on one machine never collide.
import { createServer } from 'node:net';

/** A loopback port nobody listens on right now: concurrent test runs must not collide. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
