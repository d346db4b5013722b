// Open WebUI's ERROR_MESSAGES (constants.py, v0.6.43), verbatim: the web client shows `detail` to people,
// and scripts match on it.
export const ERROR_MESSAGES = {
  DEFAULT: (err?: unknown) => (err === undefined || err === null || err === '' ? 'Something went wrong :/' : `[ERROR: ${String(err)}]`),
  ENV_VAR_NOT_FOUND: 'Required environment variable not found. Terminating now.',
  CREATE_USER_ERROR:
    'Oops! Something went wrong while creating your account. Please try again later. If the issue persists, contact support for assistance.',
  DELETE_USER_ERROR:
    'Oops! Something went wrong. We encountered an issue while trying to delete the user. Please give it another shot.',
  EMAIL_MISMATCH:
    'Uh-oh! This email does not match the email your provider is registered with. Please check your email and try again.',
  EMAIL_TAKEN:
    'Uh-oh! This email is already registered. Sign in with your existing account or choose another email to start anew.',
  USERNAME_TAKEN: 'Uh-oh! This username is already registered. Please choose another username.',
  PASSWORD_TOO_LONG:
    'Uh-oh! The password you entered is too long. Please make sure your password is less than 72 bytes long.',
  COMMAND_TAKEN: 'Uh-oh! This command is already registered. Please choose another command string.',
  FILE_EXISTS: 'Uh-oh! This file is already registered. Please choose another file.',
  ID_TAKEN: 'Uh-oh! This id is already registered. Please choose another id string.',
  MODEL_ID_TAKEN: 'Uh-oh! This model id is already registered. Please choose another model id string.',
  NAME_TAG_TAKEN: 'Uh-oh! This name tag is already registered. Please choose another name tag string.',
  MODEL_ID_TOO_LONG: 'The model id is too long. Please make sure your model id is less than 256 characters long.',
  INVALID_TOKEN: 'Your session has expired or the token is invalid. Please sign in again.',
  INVALID_CRED: 'The email or password provided is incorrect. Please check for typos and try logging in again.',
  INVALID_EMAIL_FORMAT:
    "The email format you entered is invalid. Please double-check and make sure you're using a valid email address (e.g., yourname@example.com).",
  INCORRECT_PASSWORD: 'The password provided is incorrect. Please check for typos and try again.',
  INVALID_TRUSTED_HEADER:
    'Your provider has not provided a trusted header. Please contact your administrator for assistance.',
  EXISTING_USERS:
    "You can't turn off authentication because there are existing users. If you want to disable WEBUI_AUTH, make sure your web interface doesn't have any existing users and is a fresh installation.",
  UNAUTHORIZED: '401 Unauthorized',
  ACCESS_PROHIBITED:
    'You do not have permission to access this resource. Please contact your administrator for assistance.',
  ACTION_PROHIBITED: 'The requested action has been restricted as a security measure.',
  FILE_NOT_SENT: 'FILE_NOT_SENT',
  FILE_NOT_SUPPORTED:
    "Oops! It seems like the file format you're trying to upload is not supported. Please upload a file with a supported format and try again.",
  NOT_FOUND: "We could not find what you're looking for :/",
  USER_NOT_FOUND: "We could not find what you're looking for :/",
  API_KEY_NOT_FOUND:
    "Oops! It looks like there's a hiccup. The API key is missing. Please make sure to provide a valid API key to access this feature.",
  API_KEY_NOT_ALLOWED: 'Use of API key is not enabled in the environment.',
  MALICIOUS: 'Unusual activities detected, please try again in a few minutes.',
  PANDOC_NOT_INSTALLED: 'Pandoc is not installed on the server. Please contact your administrator for assistance.',
  INCORRECT_FORMAT: (err = '') => `Invalid format. Please use the correct format${err}`,
  RATE_LIMIT_EXCEEDED: 'API rate limit exceeded',
  MODEL_NOT_FOUND: (name = '') => `Model '${name}' was not found`,
  OPENAI_NOT_FOUND: (_name = '') => 'OpenAI API was not found',
  OLLAMA_NOT_FOUND: 'WebUI could not connect to Ollama',
  CREATE_API_KEY_ERROR:
    'Oops! Something went wrong while creating your API key. Please try again later. If the issue persists, contact support for assistance.',
  API_KEY_CREATION_NOT_ALLOWED: 'API key creation is not allowed in the environment.',
  EMPTY_CONTENT: 'The content provided is empty. Please ensure that there is text or data present before proceeding.',
  DB_NOT_SQLITE: 'This feature is only available when running with SQLite databases.',
  INVALID_URL: 'Oops! The URL you provided is invalid. Please double-check and try again.',
  WEB_SEARCH_ERROR: (err?: string) => err || 'Oops! Something went wrong while searching the web.',
  OLLAMA_API_DISABLED: 'The Ollama API is disabled. Please enable it to use this feature.',
  FILE_TOO_LARGE: (size = '') =>
    `Oops! The file you're trying to upload is too large. Please upload a file that is less than ${size}.`,
  DUPLICATE_CONTENT: 'Duplicate content detected. Please provide unique content to proceed.',
  FILE_NOT_PROCESSED:
    'Extracted content is not available for this file. Please ensure that the file is processed before proceeding.',
  INVALID_PASSWORD: (err?: string) => err || 'The password does not meet the required validation criteria.',
} as const;

// Literal details used by the auth layer and a few routers outside ERROR_MESSAGES.
export const DETAILS = {
  NOT_AUTHENTICATED: 'Not authenticated',
  INVALID_TOKEN_SHORT: 'Invalid token',
  USER_MISMATCH: 'User mismatch. Please sign in again.',
  API_KEY_ENDPOINT_DENIED: 'API key not allowed to access this endpoint.',
} as const;

/** FastAPI's HTTPException: answered as `{"detail": detail}` with `status`. */
export class HTTPException extends Error {
  readonly statusCode: number;
  readonly detail: unknown;
  readonly headers: Record<string, string> | undefined;

  constructor(statusCode: number, detail: unknown, headers?: Record<string, string>) {
    super(typeof detail === 'string' ? detail : `HTTP ${statusCode}`);
    this.name = 'HTTPException';
    this.statusCode = statusCode;
    this.detail = detail;
    this.headers = headers;
  }
}

/** Python's `str(exception)`, which Open WebUI writes into some answers: `status: detail` for an HTTPException. */
export function pythonErrorText(error: unknown): string {
  if (!(error instanceof HTTPException)) return String(error);
  return `${error.statusCode}: ${typeof error.detail === 'string' ? error.detail : JSON.stringify(error.detail)}`;
}

/** An error's message (or, for something thrown that is not an Error, its text). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
