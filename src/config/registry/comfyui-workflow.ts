// The ComfyUI graph (API format) used until an admin uploads their own: load a checkpoint, encode
// the positive and negative prompts, sample an empty latent, decode it and save the image. The node
// ids ("3" sampler, "4" checkpoint, "5" latent size, "6" prompt, ...) are what the image router's
// node mapping fills in. Stored as the JSON text the admin UI edits.
const link = (node: string, output: number): [string, number] => [node, output];

const DEFAULT_GRAPH = {
  '3': {
    inputs: {
      seed: 0,
      steps: 20,
      cfg: 8,
      sampler_name: 'euler',
      scheduler: 'normal',
      denoise: 1,
      model: link('4', 0),
      positive: link('6', 0),
      negative: link('7', 0),
      latent_image: link('5', 0),
    },
    class_type: 'KSampler',
    _meta: { title: 'KSampler' },
  },
  '4': { inputs: { ckpt_name: 'model.safetensors' }, class_type: 'CheckpointLoaderSimple', _meta: { title: 'Load Checkpoint' } },
  '5': { inputs: { width: 512, height: 512, batch_size: 1 }, class_type: 'EmptyLatentImage', _meta: { title: 'Empty Latent Image' } },
  '6': { inputs: { text: 'Prompt', clip: link('4', 1) }, class_type: 'CLIPTextEncode', _meta: { title: 'CLIP Text Encode (Prompt)' } },
  '7': { inputs: { text: '', clip: link('4', 1) }, class_type: 'CLIPTextEncode', _meta: { title: 'CLIP Text Encode (Prompt)' } },
  '8': { inputs: { samples: link('3', 0), vae: link('4', 2) }, class_type: 'VAEDecode', _meta: { title: 'VAE Decode' } },
  '9': { inputs: { filename_prefix: 'ComfyUI', images: link('8', 0) }, class_type: 'SaveImage', _meta: { title: 'Save Image' } },
};

export const DEFAULT_COMFYUI_WORKFLOW = JSON.stringify(DEFAULT_GRAPH, null, 2);
