import { z } from 'zod';

/** GET /v1/health: the process answers and its database does too. */
export const healthResponseSchema = z.object({ status: z.literal('ok') });
export type HealthResponse = z.infer<typeof healthResponseSchema>;
