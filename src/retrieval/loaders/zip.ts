// Office documents and EPUBs are zip archives, and a small zip can declare gigabytes. Before any
// parser inflates one, the sizes its directory declares are summed and refused over the limit.
// fflate inflates an entry into a buffer of its declared size, so a lying declaration truncates
// our own reads instead of growing them; the parsers that unzip by themselves (mammoth,
// read-excel-file) are held by the worker's heap limit instead.
import { unzipSync, type Unzipped } from 'fflate';

export interface ZipLimits {
  /** Total uncompressed bytes the archive may declare. */
  maxBytes: number;
  /** Entries the archive may hold. */
  maxEntries: number;
}

/**
 * The entries `wanted` picks, inflated, after checking the whole archive against the limits
 * (with no `wanted`, nothing is inflated: a check only). `format` names the file in errors.
 */
export function unzipLimited(bytes: Uint8Array, limits: ZipLimits, format: string, wanted: (name: string) => boolean = () => false): Unzipped {
  let total = 0;
  let entries = 0;
  const picked: string[] = [];
  try {
    unzipSync(bytes, {
      filter: ({ name, originalSize }) => {
        total += originalSize;
        entries += 1;
        if (wanted(name)) picked.push(name);
        return false;
      },
    });
  } catch (error) {
    throw new Error(`Could not read the ${format} file: it is not a valid zip archive (${(error as Error).message})`);
  }
  if (entries > limits.maxEntries) throw new Error(`Archive too large to extract: ${entries} entries (the limit is ${limits.maxEntries})`);
  if (total > limits.maxBytes) throw new Error(`Archive too large to extract: ${total} bytes uncompressed (the limit is ${limits.maxBytes})`);
  if (picked.length === 0) return {};
  const names = new Set(picked);
  try {
    return unzipSync(bytes, { filter: ({ name }) => names.has(name) });
  } catch (error) {
    throw new Error(`Could not read the ${format} file: ${(error as Error).message}`);
  }
}
