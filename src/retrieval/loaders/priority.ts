// Extraction is background work. On Linux a thread can lower its own scheduling priority (nice 19,
// through its thread id), so when the machine is busy the event loop, and with it other users'
// requests, gets the CPU first. Elsewhere, or where it is not allowed, the thread runs as it is.
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

export function lowerThreadPriority(): void {
  try {
    // /proc/thread-self links to <pid>/task/<tid>.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, constants.priority.PRIORITY_LOW);
  } catch {
    // not Linux, or not permitted
  }
}
