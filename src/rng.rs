//! A small seeded pseudo-random generator (xoshiro256**) for tags, branches, Call-IDs and
//! SSRCs. The protocol cores take one as input, so a test can replay a run exactly; the
//! runtime seeds it from the operating system.

/// A seeded pseudo-random generator (xoshiro256**). Not for cryptography.
#[derive(Clone, Debug)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// A generator from a 64-bit seed (expanded with splitmix64).
    pub fn from_seed(seed: u64) -> Self {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        Rng {
            s: [next(), next(), next(), next()],
        }
    }

    /// A generator seeded from the operating system's entropy (`/dev/urandom`), falling
    /// back to the clock and process id.
    pub fn from_os() -> Self {
        use std::io::Read;
        let mut buf = [0u8; 8];
        let seed =
            match std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut buf)) {
                Ok(()) => u64::from_le_bytes(buf),
                Err(_) => {
                    let t = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map(|d| d.as_nanos() as u64)
                        .unwrap_or(0);
                    t ^ ((std::process::id() as u64) << 32)
                }
            };
        Rng::from_seed(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// A uniform value in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// A uniform float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// `len` random characters from `[0-9a-zA-Z]`: for tags, branches and Call-IDs.
    pub fn token(&mut self, len: usize) -> String {
        const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        (0..len)
            .map(|_| ALPHABET[self.below(ALPHABET.len() as u64) as usize] as char)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence() {
        let mut a = Rng::from_seed(42);
        let mut b = Rng::from_seed(42);
        assert_eq!(a.token(16), b.token(16));
        assert_ne!(Rng::from_seed(1).next_u64(), Rng::from_seed(2).next_u64());
        let mut c = Rng::from_seed(7);
        assert!((0..1000).all(|_| c.below(10) < 10));
    }
}
