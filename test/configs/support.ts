// Shared pieces of the configs router tests.
import type { TestServer } from '../helpers/server.ts';

export const ACCESS_PROHIBITED = 'You do not have permission to access this resource. Please contact your administrator for assistance.';

export const CODE_EXECUTION = {
  ENABLE_CODE_EXECUTION: false,
  CODE_EXECUTION_ENGINE: 'jupyter',
  CODE_EXECUTION_JUPYTER_URL: 'http://jupyter.internal:8888',
  CODE_EXECUTION_JUPYTER_AUTH: 'token',
  CODE_EXECUTION_JUPYTER_AUTH_TOKEN: 'exec-token',
  CODE_EXECUTION_JUPYTER_AUTH_PASSWORD: '',
  CODE_EXECUTION_JUPYTER_TIMEOUT: 120,
  ENABLE_CODE_INTERPRETER: true,
  CODE_INTERPRETER_ENGINE: 'pyodide',
  CODE_INTERPRETER_PROMPT_TEMPLATE: 'Use Python.',
  CODE_INTERPRETER_JUPYTER_URL: '',
  CODE_INTERPRETER_JUPYTER_AUTH: 'password',
  CODE_INTERPRETER_JUPYTER_AUTH_TOKEN: '',
  CODE_INTERPRETER_JUPYTER_AUTH_PASSWORD: 'secret',
  CODE_INTERPRETER_JUPYTER_TIMEOUT: 30,
};

export const BANNER = { id: 'b1', type: 'warning', title: 'Maintenance', content: 'Down **tonight**', dismissible: true, timestamp: 1_700_000_000 };

export const TOOL_SERVER = {
  url: 'http://tools.example.com',
  path: 'openapi.json',
  type: 'openapi',
  auth_type: 'bearer',
  headers: { 'X-Team': 'blue' },
  key: 'sk-tool',
  config: { enable: true, access_control: null },
  info: { id: 'weather', name: 'Weather', description: 'Forecasts' },
};

/** GET a config route as the admin and return the body (asserting 200). */
export async function read(server: TestServer, token: string, path: string): Promise<any> {
  const res = await server.request('GET', `/api/v1/configs${path}`, { token });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.text}`);
  return res.body;
}
