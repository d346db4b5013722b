// Admin settings stored in the persistent config: connections, code execution, default models,
// prompt suggestions and banners (banners are readable by every verified user).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { adminUser, verifiedUser } from '../../auth/guards.ts';
import type { PersistentConfig } from '../../config/persistent.ts';
import {
  BannerModel,
  CodeInterpreterConfigForm,
  ConnectionsConfigForm,
  ModelsConfigForm,
  SetBannersForm,
  SetDefaultSuggestionsForm,
} from './schemas.ts';

const FORM_BODY_LIMIT = 10 * 1024 * 1024;

const connections = (config: PersistentConfig) => ({
  ENABLE_DIRECT_CONNECTIONS: config.get('ENABLE_DIRECT_CONNECTIONS'),
  ENABLE_BASE_MODELS_CACHE: config.get('ENABLE_BASE_MODELS_CACHE'),
});

const codeExecution = (config: PersistentConfig): CodeInterpreterConfigForm => ({
  ENABLE_CODE_EXECUTION: config.get('ENABLE_CODE_EXECUTION'),
  CODE_EXECUTION_ENGINE: config.get('CODE_EXECUTION_ENGINE'),
  CODE_EXECUTION_JUPYTER_URL: config.get('CODE_EXECUTION_JUPYTER_URL'),
  CODE_EXECUTION_JUPYTER_AUTH: config.get('CODE_EXECUTION_JUPYTER_AUTH'),
  CODE_EXECUTION_JUPYTER_AUTH_TOKEN: config.get('CODE_EXECUTION_JUPYTER_AUTH_TOKEN'),
  CODE_EXECUTION_JUPYTER_AUTH_PASSWORD: config.get('CODE_EXECUTION_JUPYTER_AUTH_PASSWORD'),
  CODE_EXECUTION_JUPYTER_TIMEOUT: config.get('CODE_EXECUTION_JUPYTER_TIMEOUT'),
  ENABLE_CODE_INTERPRETER: config.get('ENABLE_CODE_INTERPRETER'),
  CODE_INTERPRETER_ENGINE: config.get('CODE_INTERPRETER_ENGINE'),
  CODE_INTERPRETER_PROMPT_TEMPLATE: config.get('CODE_INTERPRETER_PROMPT_TEMPLATE'),
  CODE_INTERPRETER_JUPYTER_URL: config.get('CODE_INTERPRETER_JUPYTER_URL'),
  CODE_INTERPRETER_JUPYTER_AUTH: config.get('CODE_INTERPRETER_JUPYTER_AUTH'),
  CODE_INTERPRETER_JUPYTER_AUTH_TOKEN: config.get('CODE_INTERPRETER_JUPYTER_AUTH_TOKEN'),
  CODE_INTERPRETER_JUPYTER_AUTH_PASSWORD: config.get('CODE_INTERPRETER_JUPYTER_AUTH_PASSWORD'),
  CODE_INTERPRETER_JUPYTER_TIMEOUT: config.get('CODE_INTERPRETER_JUPYTER_TIMEOUT'),
});

const models = (config: PersistentConfig) => ({
  DEFAULT_MODELS: config.get('DEFAULT_MODELS'),
  DEFAULT_PINNED_MODELS: config.get('DEFAULT_PINNED_MODELS'),
  MODEL_ORDER_LIST: config.get('MODEL_ORDER_LIST'),
});

/** Stored banners in the response shape; entries that are not banners (e.g. a malformed WEBUI_BANNERS) are left out. */
function banners(config: PersistentConfig): BannerModel[] {
  return config.get('BANNERS').flatMap((banner) => {
    const parsed = BannerModel.safeParse(banner);
    return parsed.success ? [parsed.data] : [];
  });
}

export async function settingsRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config } = app.services;

  app.get('/connections', { preValidation: adminUser }, async () => connections(config));

  app.post('/connections', { preValidation: adminUser, schema: { body: ConnectionsConfigForm } }, async (request) => {
    await config.set(request.body);
    return connections(config);
  });

  app.get('/code_execution', { preValidation: adminUser }, async () => codeExecution(config));

  app.post('/code_execution', { preValidation: adminUser, schema: { body: CodeInterpreterConfigForm } }, async (request) => {
    const form = request.body;
    // Our settings are never null: a null text means "empty" and a null timeout keeps the current one.
    await config.set({
      ENABLE_CODE_EXECUTION: form.ENABLE_CODE_EXECUTION,
      CODE_EXECUTION_ENGINE: form.CODE_EXECUTION_ENGINE,
      CODE_EXECUTION_JUPYTER_URL: form.CODE_EXECUTION_JUPYTER_URL ?? '',
      CODE_EXECUTION_JUPYTER_AUTH: form.CODE_EXECUTION_JUPYTER_AUTH ?? '',
      CODE_EXECUTION_JUPYTER_AUTH_TOKEN: form.CODE_EXECUTION_JUPYTER_AUTH_TOKEN ?? '',
      CODE_EXECUTION_JUPYTER_AUTH_PASSWORD: form.CODE_EXECUTION_JUPYTER_AUTH_PASSWORD ?? '',
      CODE_EXECUTION_JUPYTER_TIMEOUT: form.CODE_EXECUTION_JUPYTER_TIMEOUT ?? config.get('CODE_EXECUTION_JUPYTER_TIMEOUT'),
      ENABLE_CODE_INTERPRETER: form.ENABLE_CODE_INTERPRETER,
      CODE_INTERPRETER_ENGINE: form.CODE_INTERPRETER_ENGINE,
      CODE_INTERPRETER_PROMPT_TEMPLATE: form.CODE_INTERPRETER_PROMPT_TEMPLATE ?? '',
      CODE_INTERPRETER_JUPYTER_URL: form.CODE_INTERPRETER_JUPYTER_URL ?? '',
      CODE_INTERPRETER_JUPYTER_AUTH: form.CODE_INTERPRETER_JUPYTER_AUTH ?? '',
      CODE_INTERPRETER_JUPYTER_AUTH_TOKEN: form.CODE_INTERPRETER_JUPYTER_AUTH_TOKEN ?? '',
      CODE_INTERPRETER_JUPYTER_AUTH_PASSWORD: form.CODE_INTERPRETER_JUPYTER_AUTH_PASSWORD ?? '',
      CODE_INTERPRETER_JUPYTER_TIMEOUT: form.CODE_INTERPRETER_JUPYTER_TIMEOUT ?? config.get('CODE_INTERPRETER_JUPYTER_TIMEOUT'),
    });
    return codeExecution(config);
  });

  app.get('/models', { preValidation: adminUser }, async () => models(config));

  app.post('/models', { preValidation: adminUser, bodyLimit: FORM_BODY_LIMIT, schema: { body: ModelsConfigForm } }, async (request) => {
    const form = request.body;
    await config.set({
      DEFAULT_MODELS: form.DEFAULT_MODELS,
      DEFAULT_PINNED_MODELS: form.DEFAULT_PINNED_MODELS,
      // The order list is never null here; the web client reads a null one as [] anyway.
      MODEL_ORDER_LIST: form.MODEL_ORDER_LIST ?? [],
    });
    return models(config);
  });

  app.post('/suggestions', { preValidation: adminUser, bodyLimit: FORM_BODY_LIMIT, schema: { body: SetDefaultSuggestionsForm } }, async (request) => {
    await config.set({ DEFAULT_PROMPT_SUGGESTIONS: request.body.suggestions });
    return config.get('DEFAULT_PROMPT_SUGGESTIONS');
  });

  app.post('/banners', { preValidation: adminUser, bodyLimit: FORM_BODY_LIMIT, schema: { body: SetBannersForm } }, async (request) => {
    await config.set({ BANNERS: request.body.banners });
    return banners(config);
  });

  app.get('/banners', { preValidation: verifiedUser }, async () => banners(config));
}
