/**
 * How GitHub authenticates a GitHub App, as the stand-in enforces it.
 *
 * App-level endpoints take a JSON Web Token (docs.github.com, "Generating a JSON Web Token (JWT) for a GitHub
 * App"): RS256, signed with the App's private key, `iss` the App's id (or client id), `iat` not in the future
 * (GitHub allows 60 s of clock drift), `exp` in the future and "no more than 10 minutes into the future". The
 * 401 messages are GitHub's, those @octokit/auth-app recognises as clock skew (its hook.js) included.
 *
 * Everything else takes an installation access token (docs.github.com, "Authenticating as a GitHub App
 * installation"): `ghs_…`, sent as `token …` or `Bearer …`, valid for one hour, for the installation's
 * repositories only. An unknown or expired token is 401 "Bad credentials"; a repository the installation was
 * not given answers 404, as GitHub hides what a token may not see.
 */
import { createPublicKey, randomBytes, verify } from 'node:crypto';

/** GitHub's error body. */
interface Refusal {
  status: number;
  message: string;
}

export const UNDECODABLE = 'A JSON web token could not be decoded';
export const BAD_CREDENTIALS = 'Bad credentials';

/** Why a JWT is refused, in GitHub's words, or undefined when it is the App's and current. */
export function jwtRefusal(
  token: string,
  app: { id: number; clientId: string; publicKey: string },
  nowSeconds: number,
): Refusal | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return { status: 401, message: UNDECODABLE };
  const [header, payload, signature] = parts as [string, string, string];
  let claims: Record<string, unknown>;
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (head.alg !== 'RS256') return { status: 401, message: UNDECODABLE };
    const signed = verify(
      'RSA-SHA256',
      Buffer.from(`${header}.${payload}`),
      createPublicKey(app.publicKey),
      Buffer.from(signature, 'base64url'),
    );
    if (!signed) return { status: 401, message: UNDECODABLE };
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return { status: 401, message: UNDECODABLE };
  }
  const { iat, exp, iss } = claims;
  if (String(iss) !== String(app.id) && iss !== app.clientId) {
    // Another App's id: its key would not verify the signature. Not an id at all: GitHub says so.
    if (/^\d+$/.test(String(iss))) return { status: 401, message: UNDECODABLE };
    return { status: 401, message: `'Issuer' claim ('iss') must be an Integer` };
  }
  if (!Number.isInteger(iat) || (iat as number) > nowSeconds + 60) {
    return {
      status: 401,
      message: `'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued`,
    };
  }
  if (typeof exp !== 'number' || exp <= nowSeconds) {
    return {
      status: 401,
      message: `'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires`,
    };
  }
  if (exp > nowSeconds + 600 || exp - (iat as number) > 600) {
    return { status: 401, message: `'Expiration time' claim ('exp') is too far in the future` };
  }
  return undefined;
}

/** A fresh installation access token: `ghs_` and 36 letters and digits, as GitHub's look. */
export function installationToken(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return `ghs_${[...randomBytes(36)].map((byte) => alphabet[byte % alphabet.length]).join('')}`;
}

/** The credential an Authorization header carries. */
export function credentialOf(
  authorization: string | undefined,
): { kind: 'none' } | { kind: 'jwt'; token: string } | { kind: 'token'; token: string } {
  const match = /^(bearer|token)\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  if (!match?.[2]) return { kind: 'none' };
  const token = match[2];
  return token.split('.').length === 3 ? { kind: 'jwt', token } : { kind: 'token', token };
}
