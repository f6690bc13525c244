import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers (helmet) with a Content-Security-Policy for our own pages: scripts, styles
 * and API calls from this server only, no inline code, framing only by the allowed sites. The
 * widget's files are served with Cross-Origin-Resource-Policy: cross-origin so the allowed
 * sites can load them with a script tag.
 */
export const WIDGET_ASSETS = ['/widget.js', '/widget.css'];

/** What the bot's pages never use: a page of it asks for none of these. */
const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=()';
/** How long a browser keeps to https once told (180 days). */
const HSTS_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

/**
 * `hsts`: send Strict-Transport-Security. Only behind a TLS-ending proxy (the bot itself serves
 * plain http), so it is on by default when TRUST_PROXY is set (config server.hsts, HSTS=0|1).
 */
export function securityHeaders(allowedOrigins: readonly string[], { hsts = false }: { readonly hsts?: boolean } = {}): RequestHandler[] {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'", ...allowedOrigins],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    // The demo page may be framed by the allowed sites (frame-ancestors); helmet's X-Frame-Options would forbid it.
    xFrameOptions: false,
    strictTransportSecurity: hsts ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: false } : false,
  });
  const widgetAssets: RequestHandler = (request, response, next) => {
    response.set('Permissions-Policy', PERMISSIONS_POLICY);
    if (WIDGET_ASSETS.includes(request.path)) response.set('Cross-Origin-Resource-Policy', 'cross-origin');
    next();
  };
  return [headers, widgetAssets];
}
