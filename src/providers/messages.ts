// Open WebUI's literal error texts for model-server routes (not among its ERROR_MESSAGES).

/** A model server could not be reached. */
export const CONNECTION_ERROR = 'Open WebUI: Server Connection Error';
/** An unknown model, or one the caller may not use. */
export const MODEL_NOT_FOUND = 'Model not found';
