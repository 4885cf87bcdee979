/** The server's contact phone rule (`^\+?[0-9-]{6,20}$`), checked before sending. */
export const PHONE_PATTERN = /^\+?[0-9-]{6,20}$/;

/** The server's rule for inviting by phone: digits only, 6 to 15 of them. */
export const INVITE_PHONE_PATTERN = /^\+?[0-9]{6,15}$/;

/** A social work certificate number, as the server takes it. */
export const CERTIFICATE_RULES = { min: 4, max: 40 } as const;
