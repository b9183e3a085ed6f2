// A browser's push service, played locally (there is no internet here): it owns the
// subscription's key pair and auth secret, checks each message's VAPID token (RFC 8292:
// ES256 with the key in `k=`, audience this origin, expiry within a day) and decrypts the
// `aes128gcm` body (RFC 8291 / RFC 8188), as a browser and its push service would.
import { createECDH, createPublicKey, createDecipheriv, hkdfSync, randomBytes, verify } from "node:crypto";
import { createServer, IncomingMessage, Server } from "node:http";
import { AddressInfo } from "node:net";

export interface PushMessage {
  path: string;
  /** The VAPID public key the token verified with. */
  vapidKey: string;
  /** The decrypted notification. */
  payload: { title: string; body: string; url: string; tag: string; lang: string; dir: string };
  /** The raw body as received, for handing to the browser's service worker. */
  plaintext: string;
}

const b64url = (bytes: Buffer) => bytes.toString("base64url");

function checkVapid(header: string | undefined, origin: string): string {
  if (!header?.startsWith("vapid ")) throw new Error(`not a vapid Authorization: ${header}`);
  const parts = Object.fromEntries(
    header
      .slice("vapid ".length)
      .split(",")
      .map((p) => p.trim().split(/=(.*)/s).slice(0, 2)),
  );
  const [head, claims, signature] = String(parts.t).split(".");
  const point = Buffer.from(String(parts.k), "base64url");
  if (point.length !== 65 || point[0] !== 4) throw new Error("k is not an uncompressed P-256 point");
  const key = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33)) },
    format: "jwk",
  });
  const signed = verify(
    "sha256",
    Buffer.from(`${head}.${claims}`),
    { key, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  if (!signed) throw new Error("the VAPID signature does not verify");
  const header_ = JSON.parse(Buffer.from(head, "base64url").toString());
  if (header_.alg !== "ES256") throw new Error(`alg ${header_.alg}`);
  const body = JSON.parse(Buffer.from(claims, "base64url").toString());
  const now = Date.now() / 1000;
  if (body.aud !== origin) throw new Error(`aud ${body.aud} is not ${origin}`);
  if (!(body.exp > now && body.exp <= now + 24 * 3600)) throw new Error(`exp ${body.exp} out of range`);
  if (!/^(mailto:|https?:)/.test(String(body.sub))) throw new Error(`sub ${body.sub}`);
  return String(parts.k);
}

export class PushReceiver {
  readonly messages: PushMessage[] = [];
  private readonly ecdh = createECDH("prime256v1");
  private readonly authSecret = randomBytes(16);
  private server?: Server;
  origin = "";

  constructor() {
    this.ecdh.generateKeys();
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => this.accept(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop() {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** `PushSubscription.toJSON()` of a browser subscribed at this service. */
  subscription(name: string) {
    return {
      endpoint: `${this.origin}/push/${name}`,
      expirationTime: null,
      keys: { p256dh: b64url(this.ecdh.getPublicKey()), auth: b64url(this.authSecret) },
    };
  }

  private decrypt(body: Buffer): string {
    const salt = body.subarray(0, 16);
    const idlen = body[20];
    const asPublic = body.subarray(21, 21 + idlen);
    const ciphertext = body.subarray(21 + idlen);
    const shared = this.ecdh.computeSecret(asPublic);
    const info = Buffer.concat([Buffer.from("WebPush: info\0"), this.ecdh.getPublicKey(), asPublic]);
    const ikm = Buffer.from(hkdfSync("sha256", shared, this.authSecret, info, 32));
    const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
    const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
    const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
    const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
    // The last record ends with the delimiter 0x02, then zero padding.
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    if (padded[end] !== 2) throw new Error("no last-record delimiter");
    return padded.subarray(0, end).toString("utf8");
  }

  private accept(request: IncomingMessage, response: import("node:http").ServerResponse) {
    const chunks: Buffer[] = [];
    request.on("data", (c) => chunks.push(c));
    request.on("end", () => {
      try {
        if (request.headers["content-encoding"] !== "aes128gcm") throw new Error("not aes128gcm");
        const vapidKey = checkVapid(request.headers.authorization, this.origin);
        const plaintext = this.decrypt(Buffer.concat(chunks));
        this.messages.push({ path: request.url ?? "", vapidKey, payload: JSON.parse(plaintext), plaintext });
        response.writeHead(201).end();
      } catch (error) {
        // A real push service refuses what it cannot check; the test sees no message.
        console.warn(`push receiver refused a message: ${error}`);
        response.writeHead(400).end();
      }
    });
  }
}
