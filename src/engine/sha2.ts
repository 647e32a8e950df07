// SHA-256 and SHA-512 (FIPS 180-4), written out because the engine may not reach for WebCrypto (it is async
// and not deterministic to import everywhere the engine runs). kube-apiserver hashes with both: discovery's
// storageVersionHash is SHA-256, the ETag of discovery and of each OpenAPI document is SHA-512.

const K256 = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
])

/** Both hashes pad the same way; only the block and length sizes differ. */
function pad(data: Uint8Array, blockBytes: number, lengthBytes: number): Uint8Array {
  const total = Math.ceil((data.length + 1 + lengthBytes) / blockBytes) * blockBytes
  const out = new Uint8Array(total)
  out.set(data)
  out[data.length] = 0x80
  const view = new DataView(out.buffer)
  const bits = data.length * 8
  view.setUint32(total - 8, Math.floor(bits / 0x100000000))
  view.setUint32(total - 4, bits >>> 0)
  return out
}

export function sha256(data: Uint8Array): Uint8Array {
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19])
  const msg = pad(data, 64, 8)
  const view = new DataView(msg.buffer)
  const w = new Uint32Array(64)
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n))
  for (let off = 0; off < msg.length; off += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(off + t * 4)
    for (let t = 16; t < 64; t++) {
      const a = w[t - 15]!
      const b = w[t - 2]!
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3)
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10)
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) >>> 0
    }
    let [a, b, c, d, e, f, g, hh] = h as unknown as number[]
    for (let t = 0; t < 64; t++) {
      const t1 = (hh! + (rotr(e!, 6) ^ rotr(e!, 11) ^ rotr(e!, 25)) + ((e! & f!) ^ (~e! & g!)) + K256[t]! + w[t]!) >>> 0
      const t2 = ((rotr(a!, 2) ^ rotr(a!, 13) ^ rotr(a!, 22)) + ((a! & b!) ^ (a! & c!) ^ (b! & c!))) >>> 0
      hh = g
      g = f
      f = e
      e = (d! + t1) >>> 0
      d = c
      c = b
      b = a
      a = (t1 + t2) >>> 0
    }
    ;[a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = (h[i]! + v!) >>> 0))
  }
  const out = new Uint8Array(32)
  const outView = new DataView(out.buffer)
  h.forEach((v, i) => outView.setUint32(i * 4, v))
  return out
}

// SHA-512 works on 64-bit words; each is kept as a high and a low 32-bit half, which is many times faster
// than BigInt arithmetic on the megabytes of an OpenAPI document.
const K512 = new Uint32Array([
  0x428a2f98, 0xd728ae22, 0x71374491, 0x23ef65cd, 0xb5c0fbcf, 0xec4d3b2f, 0xe9b5dba5, 0x8189dbbc, 0x3956c25b, 0xf348b538,
  0x59f111f1, 0xb605d019, 0x923f82a4, 0xaf194f9b, 0xab1c5ed5, 0xda6d8118, 0xd807aa98, 0xa3030242, 0x12835b01, 0x45706fbe,
  0x243185be, 0x4ee4b28c, 0x550c7dc3, 0xd5ffb4e2, 0x72be5d74, 0xf27b896f, 0x80deb1fe, 0x3b1696b1, 0x9bdc06a7, 0x25c71235,
  0xc19bf174, 0xcf692694, 0xe49b69c1, 0x9ef14ad2, 0xefbe4786, 0x384f25e3, 0x0fc19dc6, 0x8b8cd5b5, 0x240ca1cc, 0x77ac9c65,
  0x2de92c6f, 0x592b0275, 0x4a7484aa, 0x6ea6e483, 0x5cb0a9dc, 0xbd41fbd4, 0x76f988da, 0x831153b5, 0x983e5152, 0xee66dfab,
  0xa831c66d, 0x2db43210, 0xb00327c8, 0x98fb213f, 0xbf597fc7, 0xbeef0ee4, 0xc6e00bf3, 0x3da88fc2, 0xd5a79147, 0x930aa725,
  0x06ca6351, 0xe003826f, 0x14292967, 0x0a0e6e70, 0x27b70a85, 0x46d22ffc, 0x2e1b2138, 0x5c26c926, 0x4d2c6dfc, 0x5ac42aed,
  0x53380d13, 0x9d95b3df, 0x650a7354, 0x8baf63de, 0x766a0abb, 0x3c77b2a8, 0x81c2c92e, 0x47edaee6, 0x92722c85, 0x1482353b,
  0xa2bfe8a1, 0x4cf10364, 0xa81a664b, 0xbc423001, 0xc24b8b70, 0xd0f89791, 0xc76c51a3, 0x0654be30, 0xd192e819, 0xd6ef5218,
  0xd6990624, 0x5565a910, 0xf40e3585, 0x5771202a, 0x106aa070, 0x32bbd1b8, 0x19a4c116, 0xb8d2d0c8, 0x1e376c08, 0x5141ab53,
  0x2748774c, 0xdf8eeb99, 0x34b0bcb5, 0xe19b48a8, 0x391c0cb3, 0xc5c95a63, 0x4ed8aa4a, 0xe3418acb, 0x5b9cca4f, 0x7763e373,
  0x682e6ff3, 0xd6b2b8a3, 0x748f82ee, 0x5defb2fc, 0x78a5636f, 0x43172f60, 0x84c87814, 0xa1f0ab72, 0x8cc70208, 0x1a6439ec,
  0x90befffa, 0x23631e28, 0xa4506ceb, 0xde82bde9, 0xbef9a3f7, 0xb2c67915, 0xc67178f2, 0xe372532b, 0xca273ece, 0xea26619c,
  0xd186b8c7, 0x21c0c207, 0xeada7dd6, 0xcde0eb1e, 0xf57d4f7f, 0xee6ed178, 0x06f067aa, 0x72176fba, 0x0a637dc5, 0xa2c898a6,
  0x113f9804, 0xbef90dae, 0x1b710b35, 0x131c471b, 0x28db77f5, 0x23047d84, 0x32caab7b, 0x40c72493, 0x3c9ebe0a, 0x15c9bebc,
  0x431d67c4, 0x9c100d4c, 0x4cc5d4be, 0xcb3e42b6, 0x597f299c, 0xfc657e2a, 0x5fcb6fab, 0x3ad6faec, 0x6c44198c, 0x4a475817,
])

const IV512 = [
  0x6a09e667, 0xf3bcc908, 0xbb67ae85, 0x84caa73b, 0x3c6ef372, 0xfe94f82b, 0xa54ff53a, 0x5f1d36f1, 0x510e527f, 0xade682d1,
  0x9b05688c, 0x2b3e6c1f, 0x1f83d9ab, 0xfb41bd6b, 0x5be0cd19, 0x137e2179,
]

const TWO32 = 0x100000000

/** The high half of a 64-bit right rotation by n (0 < n < 64, n != 32); swap the arguments for the low half. */
function rotrHi(hi: number, lo: number, n: number): number {
  return n < 32 ? ((hi >>> n) | (lo << (32 - n))) >>> 0 : ((lo >>> (n - 32)) | (hi << (64 - n))) >>> 0
}

export function sha512(data: Uint8Array): Uint8Array {
  const h = Uint32Array.from(IV512)
  const msg = pad(data, 128, 16)
  const view = new DataView(msg.buffer)
  const w = new Uint32Array(160)
  const v = new Uint32Array(16)
  for (let off = 0; off < msg.length; off += 128) {
    for (let t = 0; t < 32; t++) w[t] = view.getUint32(off + t * 4)
    for (let t = 16; t < 80; t++) {
      const ah = w[(t - 15) * 2]!, al = w[(t - 15) * 2 + 1]!
      const bh = w[(t - 2) * 2]!, bl = w[(t - 2) * 2 + 1]!
      const s0h = rotrHi(ah, al, 1) ^ rotrHi(ah, al, 8) ^ (ah >>> 7)
      const s0l = rotrHi(al, ah, 1) ^ rotrHi(al, ah, 8) ^ (((al >>> 7) | (ah << 25)) >>> 0)
      const s1h = rotrHi(bh, bl, 19) ^ rotrHi(bh, bl, 61) ^ (bh >>> 6)
      const s1l = rotrHi(bl, bh, 19) ^ rotrHi(bl, bh, 61) ^ (((bl >>> 6) | (bh << 26)) >>> 0)
      const lo = w[(t - 16) * 2 + 1]! + (s0l >>> 0) + w[(t - 7) * 2 + 1]! + (s1l >>> 0)
      w[t * 2 + 1] = lo
      w[t * 2] = w[(t - 16) * 2]! + s0h + w[(t - 7) * 2]! + s1h + Math.floor(lo / TWO32)
    }
    v.set(h)
    for (let t = 0; t < 80; t++) {
      const eh = v[8]!, el = v[9]!
      const ah = v[0]!, al = v[1]!
      const S1h = rotrHi(eh, el, 14) ^ rotrHi(eh, el, 18) ^ rotrHi(eh, el, 41)
      const S1l = rotrHi(el, eh, 14) ^ rotrHi(el, eh, 18) ^ rotrHi(el, eh, 41)
      const chh = (eh & v[10]!) ^ (~eh & v[12]!)
      const chl = (el & v[11]!) ^ (~el & v[13]!)
      const t1l = v[15]! + (S1l >>> 0) + (chl >>> 0) + K512[t * 2 + 1]! + w[t * 2 + 1]!
      const t1h = v[14]! + S1h + chh + K512[t * 2]! + w[t * 2]! + Math.floor(t1l / TWO32)
      const S0h = rotrHi(ah, al, 28) ^ rotrHi(ah, al, 34) ^ rotrHi(ah, al, 39)
      const S0l = rotrHi(al, ah, 28) ^ rotrHi(al, ah, 34) ^ rotrHi(al, ah, 39)
      const majh = (ah & v[2]!) ^ (ah & v[4]!) ^ (v[2]! & v[4]!)
      const majl = (al & v[3]!) ^ (al & v[5]!) ^ (v[3]! & v[5]!)
      const t2l = (S0l >>> 0) + (majl >>> 0)
      const t2h = S0h + majh + Math.floor(t2l / TWO32)
      v.copyWithin(2, 0, 14)
      const el2 = v[9]! + (t1l >>> 0)
      v[9] = el2
      v[8] = v[8]! + t1h + Math.floor(el2 / TWO32)
      const al2 = (t1l >>> 0) + (t2l >>> 0)
      v[1] = al2
      v[0] = t1h + t2h + Math.floor(al2 / TWO32)
    }
    for (let i = 0; i < 16; i += 2) {
      const lo = h[i + 1]! + v[i + 1]!
      h[i + 1] = lo
      h[i] = h[i]! + v[i]! + Math.floor(lo / TWO32)
    }
  }
  const out = new Uint8Array(64)
  const outView = new DataView(out.buffer)
  h.forEach((word, i) => outView.setUint32(i * 4, word))
  return out
}

/** Go's fmt.Sprintf("%X", sum): upper-case hex. */
export function hexUpper(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase()
}

export function base64(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]!
    out += i + 1 < bytes.length ? alphabet[(n >> 6) & 63]! : '='
    out += i + 2 < bytes.length ? alphabet[n & 63]! : '='
  }
  return out
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
