// The avatar shown for users without a picture (Open WebUI serves a static user.png): a neutral
// silhouette on a grey disc, drawn here rather than shipped as a file.
import { encodePng } from './png.ts';

const SIZE = 200;
const SAMPLES = 4; // per axis, for anti-aliased edges

const DISC = [209, 213, 219] as const;
const FIGURE = [249, 250, 251] as const;

type Shade = 'none' | 'disc' | 'figure';

function shadeAt(x: number, y: number): Shade {
  const c = SIZE / 2;
  if ((x - c) ** 2 + (y - c) ** 2 > c * c) return 'none';
  const head = (x - c) ** 2 + (y - 80) ** 2 <= 36 * 36;
  const shoulders = ((x - c) / 64) ** 2 + ((y - 196) / 68) ** 2 <= 1;
  return head || shoulders ? 'figure' : 'disc';
}

function draw(): Buffer {
  const pixels = new Uint8Array(SIZE * SIZE * 4);
  const total = SAMPLES * SAMPLES;
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let disc = 0;
      let figure = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const shade = shadeAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          if (shade === 'disc') disc++;
          else if (shade === 'figure') figure++;
        }
      }
      const covered = disc + figure;
      const i = (py * SIZE + px) * 4;
      if (covered === 0) continue;
      for (let ch = 0; ch < 3; ch++) pixels[i + ch] = Math.round(((DISC[ch] as number) * disc + (FIGURE[ch] as number) * figure) / covered);
      pixels[i + 3] = Math.round((255 * covered) / total);
    }
  }
  return encodePng(SIZE, SIZE, pixels);
}

let cached: Buffer | undefined;

/** The default avatar PNG (200 × 200), drawn once. */
export function defaultAvatarPng(): Buffer {
  cached ??= draw();
  return cached;
}
