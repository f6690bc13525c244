import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';

/**
 * Reaching a given worker of a node:cluster server whose workers accept connections themselves
 * (SCHED_NONE): which one takes a new connection is the kernel's choice, so a test connects until
 * the worker it wants holds the server's end of the socket (read from /proc), then sends its
 * request over that connection. Linux only, as the server's deployment.
 */

/** Connections tried before giving up on reaching a given worker. */
const ATTEMPTS = 60;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The processes a primary forked (its workers), as the kernel lists them. */
export function childrenOf(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

// Which process holds the server's end of a loopback connection: /proc/net/tcp gives the
// socket's inode, and the worker holding it has a descriptor pointing at socket:[inode].
const loopback = (port: number) => `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;

export function servingWorker(serverPort: number, clientPort: number, workers: readonly number[]): number | undefined {
  const inode = fs
    .readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .find((fields) => fields[1] === loopback(serverPort) && fields[2] === loopback(clientPort))?.[9];
  if (inode === undefined || inode === '0') return undefined;
  const holders = workers.filter((pid) =>
    fs.readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
      } catch {
        return false;
      }
    }),
  );
  return holders.length === 1 ? holders[0] : undefined;
}

/** The worker that accepted the connection from `clientPort` (it takes a moment after connect). */
async function acceptedBy(serverPort: number, clientPort: number, workers: readonly number[]): Promise<number | undefined> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const worker = servingWorker(serverPort, clientPort, workers);
    if (worker !== undefined || Date.now() > deadline) return worker;
    await sleep(5);
  }
}

/**
 * A new connection accepted by `worker`: connect, see which worker holds the server's end,
 * and if it is another, close it (nothing was sent, so no request reached the server) and
 * connect again, at most ATTEMPTS times.
 */
export async function connectionTo(port: number, worker: number, workers: readonly number[]): Promise<net.Socket> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const socket = net.connect(port, '127.0.0.1');
    await once(socket, 'connect');
    if ((await acceptedBy(port, socket.localPort!, workers)) === worker) return socket;
    socket.destroy();
    await sleep(10);
  }
  throw new Error(`worker ${worker} accepted none of ${ATTEMPTS} new connections`);
}
