// The signed-in user's own records: groups, effective permissions, settings, status and info.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf, verifiedUser } from '../../auth/guards.ts';
import { ERROR_MESSAGES, HTTPException } from '../../lib/errors.ts';
import type { UserModel } from '../../stores/users.ts';
import { groupOut, settingsOut, userOut } from './responses.ts';
import { UserInfoForm, UserSettingsForm, UserStatusForm } from './schemas.ts';

/** Settings carry the client's whole preferences object, background image (a data: URL) included. */
const SETTINGS_BODY_LIMIT = 16 * 1024 * 1024;
const INFO_BODY_LIMIT = 1024 * 1024;

/** The user as stored now; the account may have been deleted since the request was authenticated. */
function found<T>(value: T | null): T {
  if (value === null) throw new HTTPException(400, ERROR_MESSAGES.USER_NOT_FOUND);
  return value;
}

export async function selfRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { users, groups, permissions } = app.services;
  const current = async (user: UserModel): Promise<UserModel> => found(await users.getById(user.id));

  app.get('/groups', { preValidation: verifiedUser }, async (request) =>
    (await groups.list({ memberId: userOf(request).id })).map(groupOut),
  );

  app.get('/permissions', { preValidation: verifiedUser }, async (request) => permissions.of(userOf(request).id));

  app.get('/user/settings', { preValidation: verifiedUser }, async (request) => settingsOut((await current(userOf(request))).settings));

  app.post(
    '/user/settings/update',
    { preValidation: verifiedUser, bodyLimit: SETTINGS_BODY_LIMIT, schema: { body: UserSettingsForm } },
    async (request) => {
      const user = userOf(request);
      const changes = request.body;
      // Tool servers run from the browser; only admins and holders of the permission may keep them.
      if (user.role !== 'admin' && 'toolServers' in changes.ui && !(await permissions.has(user.id, 'features.direct_tool_servers'))) {
        const { toolServers: _dropped, ...ui } = changes.ui;
        changes.ui = ui;
      }
      return settingsOut(found(await users.mergeSettings(user.id, changes)));
    },
  );

  app.get('/user/status', { preValidation: verifiedUser }, async (request) => userOut(await current(userOf(request))));

  app.post('/user/status/update', { preValidation: verifiedUser, schema: { body: UserStatusForm } }, async (request) =>
    userOut(found(await users.updateStatus(userOf(request).id, request.body))),
  );

  app.get('/user/info', { preValidation: verifiedUser }, async (request) => (await current(userOf(request))).info);

  app.post('/user/info/update', { preValidation: verifiedUser, bodyLimit: INFO_BODY_LIMIT, schema: { body: UserInfoForm } }, async (request) =>
    found(await users.mergeInfo(userOf(request).id, request.body)),
  );
}
