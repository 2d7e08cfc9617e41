// Before `npm start` starts anything: is this data folder already in use by a running Settle, and
// are the ports it needs free? Answers name the port, its setting and the process holding it, and
// say how to run a second instance, instead of failing halfway with a bare error.
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface NeededPort {
  port: number;
  host: string;
  /** What listens there, e.g. "the API". */
  what: string;
  /** The environment variable that moves it. */
  setting: string;
}

/** Whether a listener can bind `host:port` right now. */
export function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Linux: the listening socket's inode from /proc/net/tcp{,6}, then the process that holds it. */
export function processListeningOn(port: number): { pid: number; command: string } | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; field 9 is the inode.
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A' && fields[9]) inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0 || !existsSync('/proc')) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      for (const fd of readdirSync(`/proc/${entry}/fd`)) {
        const target = readlinkSync(`/proc/${entry}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode && inodes.has(inode)) return { pid: Number(entry), command: commandOf(Number(entry)) };
      }
    } catch {
      // A process that ended meanwhile, or one we may not look into.
    }
  }
  return undefined;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ').slice(0, 200);
  } catch {
    return 'unknown command';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const LOCK_FILE = 'settle.pid';

/**
 * Claims the data folder for this process: a second Settle on the same folder would share its
 * PostgreSQL and Temporal files. Returns a release function, or the pid that holds the folder.
 */
export function claimDataFolder(dataDir: string): { release(): void } | { heldBy: number } {
  const file = join(dataDir, LOCK_FILE);
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) return { heldBy: pid };
  }
  writeFileSync(file, `${process.pid}\n`);
  return {
    release: () => {
      if (existsSync(file) && readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
    },
  };
}

const SECOND_INSTANCE =
  'To run a second instance next to it, give it its own data folder and ports, e.g.\n' +
  '  SETTLE_DATA_DIR=.data-2 PORT=3001 SETTLE_POSTGRES_PORT=54330 SETTLE_TEMPORAL_PORT=7234 ' +
  'SETTLE_TEMPORAL_UI_PORT=8234 npm start';

/**
 * Claims the data folder and checks the ports; on success the caller holds the folder until it
 * calls release(). Otherwise: why this start cannot go ahead, in words for whoever typed `npm start`.
 */
export async function prepareStart(
  dataDir: string,
  ports: NeededPort[],
): Promise<{ release(): void } | { refusal: string }> {
  const lines: string[] = [];
  const claim = claimDataFolder(dataDir);
  if ('heldBy' in claim) {
    lines.push(
      `Settle already runs from the data folder ${dataDir} (pid ${claim.heldBy}: ${commandOf(claim.heldBy)}).`,
    );
  }
  for (const needed of ports) {
    if (await portIsFree(needed.port, needed.host)) continue;
    const holder = processListeningOn(needed.port);
    const by = holder ? `pid ${holder.pid}: ${holder.command}` : 'another process';
    lines.push(`Port ${needed.port} (${needed.what}, ${needed.setting}) is in use by ${by}.`);
  }
  if (lines.length === 0 && 'release' in claim) return claim;
  if ('release' in claim) claim.release();
  return { refusal: `Settle cannot start.\n${lines.join('\n')}\n${SECOND_INSTANCE}` };
}
