import { randomBytes, scrypt as scryptCb, timingSafeEqual, createHash, type ScryptOptions } from "node:crypto"

/**
 * Password hashing with scrypt (node:crypto, no dependency): `scrypt$N$r$p$salt$hash`, base64
 * salt and hash, so the cost can be raised later without invalidating stored hashes.
 */
const N = 16384
const R = 8
const P = 1
const KEY_LENGTH = 64

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scryptCb(password.normalize("NFKC"), salt, keylen, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key)
    )
  )

export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16)
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P })
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${key.toString("base64")}`
}

/** Constant-time comparison; a malformed stored hash never matches. */
export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const parts = stored.split("$")
  if (parts.length !== 6 || parts[0] !== "scrypt") return false
  const [n, r, p] = parts.slice(1, 4).map(Number)
  const salt = Buffer.from(parts[4], "base64")
  const expected = Buffer.from(parts[5], "base64")
  if (!n || !r || !p || expected.length === 0) return false
  const key = await scrypt(password, salt, expected.length, { N: n, r, p })
  return timingSafeEqual(key, expected)
}

/**
 * Spent when the username is unknown, so that a wrong username and a wrong password take the
 * same time and the response does not reveal which accounts exist.
 */
let dummyHash: Promise<string> | undefined
export const burnPasswordCheck = async (password: string): Promise<void> => {
  dummyHash ??= hashPassword("not-a-real-password")
  await verifyPassword(password, await dummyHash)
}

/** Session tokens: 32 random bytes, base64url; only their SHA-256 is stored. */
export const newToken = (): string => randomBytes(32).toString("base64url")
export const tokenHash = (token: string): string => createHash("sha256").update(token).digest("hex")
