import { z } from 'zod';
import { licenseCodeSchema, planSchema } from './common';

/**
 * POST /v1/license/redeem (Bearer session): binds the plan of a license code to the account. A code
 * works once (400 `invalid_license` for an unknown or used one; tries are rate limited per
 * session). Codes are issued by `npm run admin -- license issue --plan pro` and stored hashed.
 */
export const licenseRedeemRequestSchema = z.strictObject({ code: licenseCodeSchema });
export const licenseRedeemResponseSchema = z.object({ plan: planSchema });

export type LicenseRedeemRequest = z.infer<typeof licenseRedeemRequestSchema>;
export type LicenseRedeemResponse = z.infer<typeof licenseRedeemResponseSchema>;
