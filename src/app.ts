// createApp(deps): middleware order, feature routers, 404 and the one error handler. No listen.
import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import type { Deps } from './deps.js';
import { attachmentRoutes } from './features/attachments/attachments.routes.js';
import { authRoutes } from './features/auth/auth.routes.js';
import { consultationsRoutes } from './features/consultations/consultations.routes.js';
import { contentRoutes } from './features/content/content.routes.js';
import { districtRoutes } from './features/districts/districts.routes.js';
import { newsRoutes } from './features/news/news.routes.js';
import { investmentRoutes } from './features/investments/investments.routes.js';
import { panelInvestmentRoutes } from './features/investments/panel-investments.routes.js';
import { panelNewsRoutes } from './features/news/panel-news.routes.js';
import { panelDistrictRoutes } from './features/districts/panel-districts.routes.js';
import { healthRoutes } from './features/health/health.routes.js';
import { securityTxtRoutes } from './features/security/security-txt.routes.js';
import { apiRoutes } from './features/api/api.routes.js';
import { opendataRoutes } from './features/opendata/opendata.routes.js';
import { pagesRoutes } from './features/pages/pages.routes.js';
import { surveysRoutes } from './features/surveys/surveys.routes.js';
import { searchRoutes } from './features/search/search.routes.js';
import { panelSurveyRoutes } from './features/surveys/panel-surveys.routes.js';
import { panelRoutes } from './features/panel/panel.routes.js';
import { panelConsultationRoutes } from './features/consultations/panel-consultations.routes.js';
import { formatRequestRoutes } from './features/format-requests/format-requests.routes.js';
import { documentRoutes } from './features/documents/documents.routes.js';
import { personalDataRoutes } from './features/personal-data/personal-data.routes.js';
import { outboxRoutes } from './features/mail/outbox.routes.js';
import { panelUsersRoutes } from './features/users/panel-users.routes.js';
import { auditLogRoutes } from './features/audit/audit-log.routes.js';
import { recordRefusal } from './features/audit/audit.service.js';
import { enforceEnrolment } from './features/auth/two-factor.handlers.js';
import { notificationLinkRoutes, notificationRoutes } from './features/notifications/notifications.routes.js';
import { commentLinkRoutes, commentRoutes } from './features/comments/comments.routes.js';
import { panelRemarkRoutes, remarkRoutes } from './features/remarks/remarks.routes.js';
import { panelRequestsRoutes, requestsRoutes } from './features/requests/requests.routes.js';
import { verifyCsrf } from './http/csrf.js';
import { errorHandler, notFound } from './http/error-handler.js';
import { templateLocals } from './http/locals.js';
import { requestLogger } from './http/logging.js';
import { precomputedHeaders } from './http/security-headers.js';
import { cachePolicy } from './http/page-cache.js';
import { noStoreForStaff, saveSessionBeforeRedirect, sessionLimits, sessionMiddleware } from './http/session.js';
import { LEAFLET_DIR, PUBLIC_DIR, VIEWS_DIR } from './paths.js';

/** The origin of an absolute tile URL, for the CSP; none for a path on the portal itself or no tiles. */
function tileOrigin(tileUrl: string): string[] {
  if (!/^https?:\/\//.test(tileUrl)) return [];
  // {s} subdomains (a.tile..., b.tile...) become a wildcard.
  const url = new URL(tileUrl.replace(/\{[a-z]\}/g, 'x'));
  return [tileUrl.includes('{s}') ? `${url.protocol}//*.${url.host.split('.').slice(1).join('.')}` : url.origin];
}

/** Public pages kept by the render cache: what they show depends only on the database, the clock, the language and the display switches. */
const CACHED_PAGES = ['/', '/konsultacje', '/konsultacje/:slug', '/konsultacje/:slug/dyskusja', '/dzielnice', '/dzielnice/:slug', '/aktualnosci', '/aktualnosci/:slug'];

export function createApp(deps: Deps) {
  const { config } = deps;
  const app = express();
  app.set('views', [VIEWS_DIR]); // an array, so EJS resolves include('layouts/start') from here
  app.set('view engine', 'ejs');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');
  app.disable('x-powered-by');
  if (config.isProduction) app.enable('view cache');

  app.use(requestLogger(deps.logger));
  app.use(deps.pageCache.trackWrites);
  app.use(precomputedHeaders(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          // Map tiles come from the configured tile server, when there is one on another origin.
          imgSrc: ["'self'", 'data:', ...tileOrigin(config.map.tileUrl)],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          ...(config.isProduction ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: config.isProduction,
    }),
  ));
  app.use(cookieParser());
  // Visitors without a session are answered from the render cache before the session middleware, and
  // before anything else that would only cost time for a page already rendered (docs/decisions.md 36, 53).
  app.get(CACHED_PAGES, deps.pageCache.serveWithoutSession);
  // Leaflet from its npm package, served by the portal itself (no CDN).
  app.use('/vendor/leaflet', express.static(LEAFLET_DIR, { maxAge: config.isProduction ? '7d' : 0, fallthrough: false }));
  app.use('/public', express.static(PUBLIC_DIR, { maxAge: config.isProduction ? '7d' : 0, fallthrough: false }));
  app.use(healthRoutes(deps));
  app.use(securityTxtRoutes(deps));
  // Open data needs no session or CSRF token: answered before them.
  app.use(apiRoutes(deps));

  app.use(sessionMiddleware(config, deps.pool));
  app.use(saveSessionBeforeRedirect);
  app.use(deps.passport.initialize());
  app.use(deps.passport.session());
  app.use(sessionLimits(config, deps.clock));
  app.use(noStoreForStaff);
  app.use(enforceEnrolment);
  app.use(templateLocals(config));
  app.use(cachePolicy);
  app.use(express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 200 }));
  // Authorised by the secret token of a link from an e-mail instead (see the router).
  app.use(notificationLinkRoutes(deps));
  app.use(commentLinkRoutes(deps));
  app.use(verifyCsrf(config.baseUrl));
  // The pages anonymous visitors read most come from the render cache when they can (docs/decisions.md 36).
  app.get(CACHED_PAGES, deps.pageCache.serve);

  app.use(pagesRoutes(deps));
  app.use(opendataRoutes(deps));
  app.use(contentRoutes(deps));
  app.use(requestsRoutes(deps)); // before consultations: /konsultacje/plan is not a slug
  app.use(consultationsRoutes(deps));
  app.use(remarkRoutes(deps));
  app.use(newsRoutes(deps));
  app.use(investmentRoutes(deps));
  app.use(surveysRoutes(deps));
  app.use(searchRoutes(deps));
  app.use(districtRoutes(deps));
  app.use(authRoutes(deps));
  app.use(panelRoutes());
  app.use(panelConsultationRoutes(deps));
  app.use(panelRemarkRoutes(deps));
  app.use(attachmentRoutes(deps));
  app.use(panelNewsRoutes(deps));
  app.use(panelInvestmentRoutes(deps));
  app.use(panelSurveyRoutes(deps));
  app.use(panelDistrictRoutes(deps));
  app.use(notificationRoutes(deps));
  app.use(outboxRoutes(deps));
  app.use(formatRequestRoutes(deps));
  app.use(documentRoutes(deps));
  app.use(personalDataRoutes(deps));
  app.use(commentRoutes(deps));
  app.use(panelRequestsRoutes(deps));
  app.use(panelUsersRoutes(deps));
  app.use(auditLogRoutes(deps));

  app.use(notFound);
  app.use(errorHandler(deps.logger, { showStack: config.env === 'development', onForbidden: (req, reason) => recordRefusal(deps.db, req, reason) }));
  return app;
}
