/**
 * STS's limits on AssumeRole's DurationSeconds: at least 900 s; the default maximum session of a role is 3600 s
 * (https://www.alibabacloud.com/help/en/ram/developer-reference/api-sts-2015-04-01-assumerole). Apart from sts.ts so
 * the profile readers, which load with the extension, do not pull in the STS answer's schema (and zod with it).
 */
export const MIN_DURATION_SECONDS = 900;
export const DEFAULT_DURATION_SECONDS = 3600;
