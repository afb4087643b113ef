/** The sign-in form, shared by the page and the server. */
import { z } from 'zod';

export const ZSignInSchema = z.object({
  email: z.string().trim().toLowerCase().min(3, 'Enter your email address').max(254, 'At most 254 characters').email('Enter a valid email address'),
  password: z.string().min(1, 'Enter your password').max(128, 'At most 128 characters'),
});
export type TSignInForm = z.input<typeof ZSignInSchema>;

export const ZTotpSchema = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app') });
