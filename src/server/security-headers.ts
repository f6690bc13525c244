import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers (helmet) with a Content-Security-Policy for our own pages: scripts, styles
 * and API calls from this server only, no inline code, framing only by the allowed sites. The
 * widget's files are served with Cross-Origin-Resource-Policy: cross-origin so the allowed
 * sites can load them with a script tag.
 */
export const WIDGET_ASSETS = ['/widget.js', '/widget.css'];

export function securityHeaders(allowedOrigins: readonly string[]): RequestHandler[] {
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
    strictTransportSecurity: false,
  });
  const widgetAssets: RequestHandler = (request, response, next) => {
    if (WIDGET_ASSETS.includes(request.path)) response.set('Cross-Origin-Resource-Policy', 'cross-origin');
    next();
  };
  return [headers, widgetAssets];
}
