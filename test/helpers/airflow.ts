/** Well-formed Airflow secrets for tests (none is a real credential). */

/** A fernet key: URL-safe base64 of 32 bytes. */
export const FERNET = Buffer.alloc(32, 7).toString("base64url") + "=";
/** An API secret key of 34 characters. */
export const API_KEY = "0123456789abcdef0123456789abcdef01";
/** A database password of letters and digits with each class. */
export const DB_PASSWORD = "abcdef0123456789A1";
