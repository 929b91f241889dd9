import { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import type { Deps } from '../../deps.js';
import { mapError } from '../../http/error-handler.js';
import { apiHandlers } from './api.handlers.js';
import { openApiDocument } from './api.openapi.js';
import { API_BASE } from './api.urls.js';

/** The open-data API: GET only, no session, readable from any origin (it is public data). */
export function apiRoutes(deps: Deps) {
  const h = apiHandlers(deps);
  const router = Router();
  router.use(API_BASE, openData);
  router.get(`${API_BASE}/openapi.json`, (_req, res) => void res.json(openApiDocument(deps.config.baseUrl)));
  router.get(`${API_BASE}/consultations`, h.consultations);
  router.get(`${API_BASE}/consultations/:slug`, h.consultation);
  router.get(`${API_BASE}/documents`, h.documents);
  router.get(`${API_BASE}/meetings`, h.meetings);
  router.get(`${API_BASE}/news`, h.news);
  router.get(`${API_BASE}/news/:slug`, h.newsItem);
  router.get(`${API_BASE}/districts`, h.districts);
  router.get(`${API_BASE}/departments`, h.departments);
  router.get(`${API_BASE}/investments`, h.investments);
  router.get(`${API_BASE}/investments/:slug`, h.investment);
  router.get(`${API_BASE}/surveys`, h.surveys);
  router.get(`${API_BASE}/surveys/:id`, h.survey);
  router.get(`${API_BASE}/surveys/:id/results`, h.results);
  router.use(API_BASE, apiNotFound);
  router.use(API_BASE, apiErrors(deps.logger));
  return router;
}

/** CORS for simple reads and their preflight; anything but GET, HEAD or OPTIONS is refused with 405. */
const openData: RequestHandler = (req, res, next) => {
  res.set({ 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin', 'Cache-Control': 'public, max-age=60' });
  if (req.method === 'OPTIONS') {
    res.set({ 'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS', 'Access-Control-Allow-Headers': 'Accept, Content-Type', 'Access-Control-Max-Age': '86400' });
    return void res.status(204).end();
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return void res.status(405).set('Allow', 'GET, HEAD, OPTIONS').json({ error: { status: 405, message: 'Method not allowed: the API is read-only' } });
  next();
};

const apiNotFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: { status: 404, message: 'Not found' } });
};

/** Errors as JSON: a bad query names each parameter; a 5xx says nothing of its cause (it is logged). */
function apiErrors(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    res.set('Cache-Control', 'no-store');
    if (error instanceof ZodError) {
      const details = error.issues.map((i) => ({ parameter: i.path.length > 0 ? i.path.join('.') : (i.code === 'unrecognized_keys' ? i.keys.join(', ') : ''), message: i.message }));
      return void res.status(400).json({ error: { status: 400, message: 'Invalid query parameters', details } });
    }
    const { status } = mapError(error);
    if (status >= 500) logger.error({ err: error, reqId: req.id }, 'API request failed');
    res.status(status).json({ error: { status, message: status === 404 ? 'Not found' : status >= 500 ? 'Internal error' : 'Bad request' } });
  };
}
