// The images Open WebUI ships in its static folder (favicon, logo, splash; the default avatar comes
// from src/assets), drawn here so `/static/*` and `/favicon.png`-style links answer without a
// frontend build. Shapes are signed-distance functions, anti-aliased by their distance to the edge.
import { encodePng } from '../assets/png.ts';
import { defaultAvatarPng } from '../assets/default-avatar.ts';

type Rgba = readonly [number, number, number, number];
/** Distance in pixels from (x, y) to the shape's edge; negative inside. */
type Shape = (x: number, y: number) => number;
interface Layer {
  color: Rgba;
  shape: Shape;
}

const ring = (cx: number, cy: number, r: number, width: number): Shape => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;
const roundedSquare = (size: number, radius: number): Shape => (x, y) => {
  const qx = Math.abs(x - size / 2) - (size / 2 - radius);
  const qy = Math.abs(y - size / 2) - (size / 2 - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
};

function paint(size: number, layers: readonly Layer[]): Buffer {
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const { color, shape } of layers) {
        const alpha = (color[3] / 255) * Math.min(1, Math.max(0, 0.5 - shape(x + 0.5, y + 0.5)));
        if (alpha === 0) continue;
        // Source-over compositing in straight (non-premultiplied) alpha.
        const out = alpha + a * (1 - alpha);
        r = (color[0] * alpha + r * a * (1 - alpha)) / out;
        g = (color[1] * alpha + g * a * (1 - alpha)) / out;
        b = (color[2] * alpha + b * a * (1 - alpha)) / out;
        a = out;
      }
      pixels.set([Math.round(r), Math.round(g), Math.round(b), Math.round(a * 255)], (y * size + x) * 4);
    }
  }
  return encodePng(size, size, pixels);
}

const INK: Rgba = [23, 23, 23, 255];
const PAPER: Rgba = [255, 255, 255, 255];

/** The mark: a ring, as wide as a third of the image, on an optional rounded tile. */
function mark(size: number, ink: Rgba, tile: Rgba | null): Buffer {
  const c = size / 2;
  const layers: Layer[] = [];
  if (tile) layers.push({ color: tile, shape: roundedSquare(size, size * 0.22) });
  layers.push({ color: ink, shape: ring(c, c, size * 0.25, size * 0.1) });
  return paint(size, layers);
}

const DRAWINGS: Record<string, () => Buffer> = {
  'favicon.png': () => mark(256, INK, PAPER),
  'favicon-dark.png': () => mark(256, PAPER, INK),
  'logo.png': () => mark(500, INK, PAPER),
  'apple-touch-icon.png': () => mark(180, INK, PAPER),
  'splash.png': () => mark(256, INK, null),
  'splash-dark.png': () => mark(256, PAPER, null),
  // The same picture as a user's default profile image.
  'user.png': defaultAvatarPng,
};

const drawn = new Map<string, Buffer>();

/** A generated PNG by its Open WebUI static file name (e.g. `logo.png`), or undefined. */
export function generatedImage(name: string): Buffer | undefined {
  const draw = Object.hasOwn(DRAWINGS, name) ? DRAWINGS[name] : undefined;
  if (!draw) return undefined;
  let image = drawn.get(name);
  if (!image) {
    image = draw();
    drawn.set(name, image);
  }
  return image;
}
