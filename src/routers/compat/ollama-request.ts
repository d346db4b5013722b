import { isObject } from '../../lib/json.ts';
// An OpenAI chat request as an Ollama `/api/chat` body: messages (text parts joined, images as
// base64, tool-call arguments as objects), sampling parameters into `options`, `response_format`
// as `format`. Unlike upstream's converter, top-level temperature/top_p/seed/penalties are kept
// and max_tokens lands in `options.num_predict`, where Ollama reads it.
type Json = Record<string, unknown>;

const OPTIONS: Record<string, string> = {
  temperature: 'temperature',
  top_p: 'top_p',
  seed: 'seed',
  frequency_penalty: 'frequency_penalty',
  presence_penalty: 'presence_penalty',
  max_tokens: 'num_predict',
  max_completion_tokens: 'num_predict',
};

function parseArguments(args: unknown): unknown {
  if (typeof args !== 'string') return args ?? {};
  try {
    return JSON.parse(args);
  } catch {
    return {};
  }
}

function convertMessage(message: Json): Json {
  const out: Json = { role: message['role'] };
  const content = message['content'];
  if (Array.isArray(message['tool_calls']) && message['tool_calls'].length > 0) {
    out['content'] = typeof content === 'string' ? content : '';
    out['tool_calls'] = message['tool_calls'].filter(isObject).map((call) => {
      const fn = isObject(call['function']) ? call['function'] : {};
      return { function: { name: fn['name'] ?? '', arguments: parseArguments(fn['arguments']) } };
    });
    return out;
  }
  if (Array.isArray(content)) {
    const texts: string[] = [];
    const images: string[] = [];
    for (const part of content.filter(isObject)) {
      if (part['type'] === 'text' && typeof part['text'] === 'string') texts.push(part['text']);
      if (part['type'] === 'image_url') {
        const image = isObject(part['image_url']) ? part['image_url']['url'] : part['image_url'];
        if (typeof image === 'string' && image) images.push(image.startsWith('data:') ? (image.split(',').pop() ?? '') : image);
      }
    }
    out['content'] = texts.join('');
    if (images.length > 0) out['images'] = images;
  } else {
    out['content'] = typeof content === 'string' ? content : '';
  }
  if (typeof message['tool_call_id'] === 'string') out['tool_call_id'] = message['tool_call_id'];
  if (typeof message['name'] === 'string' && message['role'] === 'tool') out['tool_name'] = message['name'];
  return out;
}

export function openaiToOllamaChat(body: Json): Json {
  const messages = Array.isArray(body['messages']) ? body['messages'].filter(isObject).map(convertMessage) : [];
  const out: Json = { model: body['model'], messages, stream: body['stream'] === true };
  if (Array.isArray(body['tools'])) out['tools'] = body['tools'];
  const options: Json = isObject(body['options']) ? { ...body['options'] } : {};
  for (const [from, to] of Object.entries(OPTIONS)) {
    if (body[from] !== undefined && body[from] !== null) options[to] = body[from];
  }
  const stop = body['stop'];
  if (typeof stop === 'string') options['stop'] = [stop];
  else if (Array.isArray(stop)) options['stop'] = stop;
  if (Object.keys(options).length > 0) out['options'] = options;
  const format = body['response_format'];
  if (isObject(format)) {
    if (format['type'] === 'json_object') out['format'] = 'json';
    else if (format['type'] === 'json_schema' && isObject(format['json_schema']) && format['json_schema']['schema'] !== undefined) out['format'] = format['json_schema']['schema'];
  }
  for (const key of ['keep_alive', 'think', 'format']) if (body[key] !== undefined && body[key] !== null) out[key] = body[key];
  return out;
}
