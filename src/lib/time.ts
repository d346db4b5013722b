/** Epoch seconds: Open WebUI's unit for every timestamp except channels, messages and notes. */
export const epochSeconds = (): number => Math.floor(Date.now() / 1000);
/** Epoch nanoseconds (channels, messages, notes), at millisecond precision. */
export const epochNanoseconds = (): bigint => BigInt(Date.now()) * 1_000_000n;
