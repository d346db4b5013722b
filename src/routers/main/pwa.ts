// /manifest.json (installable web app) and /opensearch.xml (browser search engine entry).
import type { FastifyInstance } from 'fastify';

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

export async function pwaRoutes(app: FastifyInstance): Promise<void> {
  const { services } = app;

  app.get('/manifest.json', async () => {
    const name = services.settings.webuiName;
    const icon = { src: '/static/logo.png', type: 'image/png', sizes: '500x500' };
    return {
      name,
      short_name: name,
      description: `${name} is an open, extensible, user-friendly interface for AI that adapts to your workflow.`,
      start_url: '/',
      display: 'standalone',
      background_color: '#343541',
      icons: [
        { ...icon, purpose: 'any' },
        { ...icon, purpose: 'maskable' },
      ],
      share_target: { action: '/', method: 'GET', params: { text: 'shared' } },
    };
  });

  app.get('/opensearch.xml', async (request, reply) => {
    const name = escapeXml(services.settings.webuiName);
    // Browsers need absolute URLs here; without WEBUI_URL, the address this request came to.
    const base = services.config.get('WEBUI_URL') || `${request.protocol}://${request.host}`;
    const url = escapeXml(base.replace(/\/+$/, ''));
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/" xmlns:moz="http://www.mozilla.org/2006/browser/search/">',
      `  <ShortName>${name}</ShortName>`,
      `  <Description>Search ${name}</Description>`,
      '  <InputEncoding>UTF-8</InputEncoding>',
      `  <Image width="16" height="16" type="image/x-icon">${url}/static/favicon.png</Image>`,
      `  <Url type="text/html" method="get" template="${url}/?q={searchTerms}"/>`,
      `  <moz:SearchForm>${url}</moz:SearchForm>`,
      '</OpenSearchDescription>',
      '',
    ].join('\n');
    return reply.type('application/xml').send(xml);
  });
}
