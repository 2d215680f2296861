/**
 * The cloud core as its own bundle (dist/cloud-core.js), loaded by the extension on the first request, so
 * activation never pays for undici, zod schemas or the signers.
 */
export { CloudClient } from './client.js';
export { RateLimiters } from './http/rateLimiter.js';
export { validateEndpoint } from './endpoints.js';
export { describeError } from './errors.js';
// This bundle holds its own copy of the message catalog (src/util/l10n.ts): the host feeds it when it loads the core.
export { setL10nBundle } from '../util/l10n.js';
export { kindDefinition } from './adapters/registry.js';
export { ENDPOINTS, type EndpointProduct } from './adapters/registry.js';
export { listableKinds, listerOf } from './adapters/listRegistry.js';
export { type ListQuery, type ListPage } from './listing.js';
