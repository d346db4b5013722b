// PersistentConfig entries under `code_execution.*` (the "Run" button on code blocks) and
// `code_interpreter.*` (the model running code while it answers). Engines: `pyodide` (in the
// browser) or `jupyter`. The interpreter's Jupyter settings fall back to the execution ones.
import { bool, int, str } from '../entry.ts';

export const CODE_CONFIG = {
  ENABLE_CODE_EXECUTION: bool('ENABLE_CODE_EXECUTION', 'code_execution.enable', true),
  CODE_EXECUTION_ENGINE: str('CODE_EXECUTION_ENGINE', 'code_execution.engine', 'pyodide'),
  CODE_EXECUTION_JUPYTER_URL: str('CODE_EXECUTION_JUPYTER_URL', 'code_execution.jupyter.url', ''),
  // '', 'token' or 'password'
  CODE_EXECUTION_JUPYTER_AUTH: str('CODE_EXECUTION_JUPYTER_AUTH', 'code_execution.jupyter.auth', ''),
  CODE_EXECUTION_JUPYTER_AUTH_TOKEN: str('CODE_EXECUTION_JUPYTER_AUTH_TOKEN', 'code_execution.jupyter.auth_token', ''),
  CODE_EXECUTION_JUPYTER_AUTH_PASSWORD: str('CODE_EXECUTION_JUPYTER_AUTH_PASSWORD', 'code_execution.jupyter.auth_password', ''),
  CODE_EXECUTION_JUPYTER_TIMEOUT: int('CODE_EXECUTION_JUPYTER_TIMEOUT', 'code_execution.jupyter.timeout', 60),

  ENABLE_CODE_INTERPRETER: bool('ENABLE_CODE_INTERPRETER', 'code_interpreter.enable', true),
  CODE_INTERPRETER_ENGINE: str('CODE_INTERPRETER_ENGINE', 'code_interpreter.engine', 'pyodide'),
  // '' means the built-in DEFAULT_CODE_INTERPRETER_PROMPT_TEMPLATE (prompt-templates.ts).
  CODE_INTERPRETER_PROMPT_TEMPLATE: str('CODE_INTERPRETER_PROMPT_TEMPLATE', 'code_interpreter.prompt_template', ''),
  CODE_INTERPRETER_JUPYTER_URL: str(['CODE_INTERPRETER_JUPYTER_URL', 'CODE_EXECUTION_JUPYTER_URL'], 'code_interpreter.jupyter.url', ''),
  CODE_INTERPRETER_JUPYTER_AUTH: str(['CODE_INTERPRETER_JUPYTER_AUTH', 'CODE_EXECUTION_JUPYTER_AUTH'], 'code_interpreter.jupyter.auth', ''),
  CODE_INTERPRETER_JUPYTER_AUTH_TOKEN: str(
    ['CODE_INTERPRETER_JUPYTER_AUTH_TOKEN', 'CODE_EXECUTION_JUPYTER_AUTH_TOKEN'],
    'code_interpreter.jupyter.auth_token',
    '',
  ),
  CODE_INTERPRETER_JUPYTER_AUTH_PASSWORD: str(
    ['CODE_INTERPRETER_JUPYTER_AUTH_PASSWORD', 'CODE_EXECUTION_JUPYTER_AUTH_PASSWORD'],
    'code_interpreter.jupyter.auth_password',
    '',
  ),
  CODE_INTERPRETER_JUPYTER_TIMEOUT: int(
    ['CODE_INTERPRETER_JUPYTER_TIMEOUT', 'CODE_EXECUTION_JUPYTER_TIMEOUT'],
    'code_interpreter.jupyter.timeout',
    60,
  ),
} as const;
