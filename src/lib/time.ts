/** Epoch seconds: Open WebUI's unit for every timestamp except channels, messages and notes. */
export const epochSeconds = (): number => Math.floor(Date.now() / 1000);
