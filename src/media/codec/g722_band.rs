//! The two sub-band ADPCM coders of ITU-T G.722 (§3.3-§3.6 and §6.2 of the Recommendation):
//! the lower band with its 6-bit quantizer (4-bit feedback), the upper band with its 2-bit
//! quantizer, the log-domain scale factor adaptation and the pole-zero predictor shared by
//! both. The arithmetic is the Recommendation's fixed-point arithmetic, block by block.

/// Lower-band quantizer decision levels, Q6 in Table 14/G.722 (index 1..=29 used).
const Q6: [i32; 30] = [
    0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714, 786, 858, 940,
    1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919,
];
/// 6-bit codes of the negative intervals, by interval number (MIL = 1..=30).
const ILN: [u8; 31] = [
    0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11,
    10, 9, 8, 7, 6, 5, 4,
];
/// 6-bit codes of the positive intervals, by interval number.
const ILP: [u8; 31] = [
    0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39,
    38, 37, 36, 35, 34, 33, 32,
];
/// 4-bit inverse quantizer outputs (QQ4 with signs, Table 15), by truncated code IL >> 2.
const QM4: [i32; 16] = [
    0, -20456, -12896, -8968, -6288, -4240, -2584, -1200, 20456, 12896, 8968, 6288, 4240, 2584,
    1200, 0,
];
/// 6-bit inverse quantizer outputs (QQ6 with signs), by 6-bit code.
const QM6: [i32; 64] = [
    -136, -136, -136, -136, -24808, -21904, -19008, -16704, -14984, -13512, -12280, -11192, -10232,
    -9360, -8576, -7856, -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576, -3168, -2776,
    -2400, -2032, -1688, -1360, -1040, -728, 24808, 21904, 19008, 16704, 14984, 13512, 12280,
    11192, 10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456, 4944, 4464, 4008, 3576, 3168, 2776,
    2400, 2032, 1688, 1360, 1040, 728, 432, 136, -432, -136,
];
/// Magnitude index of a 4-bit code (RIL → IL4), for the lower-band log scale factor.
const RL42: [usize; 16] = [0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0];
/// Lower-band log scale factor multipliers WL (Table 16), by IL4.
const WL: [i32; 8] = [-60, -30, 58, 172, 334, 538, 1198, 3042];
/// Upper-band inverse quantizer outputs (QQ2 with signs), by 2-bit code.
const QM2: [i32; 4] = [-7408, -1616, 7408, 1616];
/// Magnitude index of a 2-bit code, for the upper-band log scale factor.
const RH2: [usize; 4] = [2, 1, 2, 1];
/// Upper-band log scale factor multipliers WH (Table 16), by magnitude index.
const WH: [i32; 3] = [0, -214, 798];
/// Anti-log table ILB (Table 17): 2^(i/32) scaled by 2048.
const ILB: [i32; 32] = [
    2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
    2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008,
];
/// Upper-band decision level Q2 (the one threshold of the 2-bit quantizer).
const Q2: i32 = 564;

/// Limits to the 16-bit two's complement range, as the Recommendation's operators do.
fn sat(x: i32) -> i32 {
    x.clamp(-32768, 32767)
}

/// The 0/-1 sign the Recommendation's UPPOL/UPZERO blocks compare (0 for x >= 0).
fn sgn(x: i32) -> i32 {
    x >> 15
}

/// The state of one sub-band: scale factor and adaptive predictor.
#[derive(Clone, Debug)]
pub(crate) struct Band {
    /// Predicted signal (SL / SH).
    s: i32,
    /// Pole section output (SPL).
    sp: i32,
    /// Zero section output (SZL).
    sz: i32,
    /// Reconstructed signals R(n-1), R(n-2) (index 0 is the current one).
    r: [i32; 3],
    /// Pole coefficients A1, A2 (index 0 unused).
    a: [i32; 3],
    /// Zero coefficients B1..B6 (index 0 unused).
    b: [i32; 7],
    /// Quantized differences D(n)..D(n-6).
    d: [i32; 7],
    /// Partially reconstructed signals P(n)..P(n-2).
    p: [i32; 3],
    /// Log scale factor (NBL / NBH).
    nb: i32,
    /// Scale factor (DETL / DETH).
    det: i32,
}

impl Band {
    /// A band in its reset state with the initial scale factor (32 lower, 8 upper).
    pub(crate) fn new(det: i32) -> Self {
        Band {
            s: 0,
            sp: 0,
            sz: 0,
            r: [0; 3],
            a: [0; 3],
            b: [0; 7],
            d: [0; 7],
            p: [0; 3],
            nb: 0,
            det,
        }
    }

    /// LOGSCL + SCALEL/SCALEH: adapts the scale factor from the multiplier `w`; `limit`
    /// is 18432 (lower) or 22528 (upper) and `shift` 8 (lower) or 10 (upper).
    fn adapt_scale(&mut self, w: i32, limit: i32, shift: i32) {
        let nb = ((self.nb * 127) >> 7) + w;
        self.nb = nb.clamp(0, limit);
        let wd1 = ((self.nb >> 6) & 31) as usize;
        let wd2 = shift - (self.nb >> 11);
        let wd3 = if wd2 < 0 {
            ILB[wd1] << -wd2
        } else {
            ILB[wd1] >> wd2
        };
        self.det = wd3 << 2;
    }

    /// Block 4: reconstructs with the quantized difference `d`, adapts the predictor
    /// (UPPOL2, UPPOL1, UPZERO), shifts the delay lines and computes the next prediction.
    fn update_predictor(&mut self, d: i32) {
        // RECONS and PARREC.
        self.d[0] = d;
        self.r[0] = sat(self.s + d);
        self.p[0] = sat(self.sz + d);

        // UPPOL2: second pole coefficient.
        let (s0, s1, s2) = (sgn(self.p[0]), sgn(self.p[1]), sgn(self.p[2]));
        let wd1 = sat(self.a[1] << 2);
        let wd2 = if s0 == s1 { -wd1 } else { wd1 }.min(32767);
        let mut a2 = (wd2 >> 7) + if s0 == s2 { 128 } else { -128 };
        a2 += (self.a[2] * 32512) >> 15;
        let a2 = a2.clamp(-12288, 12288);

        // UPPOL1: first pole coefficient, limited by the second.
        let mut a1 = sat(if s0 == s1 { 192 } else { -192 } + ((self.a[1] * 32640) >> 15));
        let lim = sat(15360 - a2);
        a1 = a1.clamp(-lim, lim);

        // UPZERO: zero coefficients.
        let step = if d == 0 { 0 } else { 128 };
        let sd = sgn(d);
        let mut bp = [0i32; 7];
        for ((bp, &d), &b) in bp.iter_mut().zip(&self.d).zip(&self.b).skip(1) {
            let wd = if sgn(d) == sd { step } else { -step };
            *bp = sat(wd + ((b * 32640) >> 15));
        }

        // DELAYA: shift the delay lines.
        for i in (1..7).rev() {
            self.d[i] = self.d[i - 1];
            self.b[i] = bp[i];
        }
        for i in (1..3).rev() {
            self.r[i] = self.r[i - 1];
            self.p[i] = self.p[i - 1];
        }
        self.a[1] = a1;
        self.a[2] = a2;

        // FILTEP, FILTEZ, PREDIC.
        let wd1 = (self.a[1] * sat(self.r[1] + self.r[1])) >> 15;
        let wd2 = (self.a[2] * sat(self.r[2] + self.r[2])) >> 15;
        self.sp = sat(wd1 + wd2);
        let mut sz = 0;
        for i in (1..7).rev() {
            sz += (self.b[i] * sat(self.d[i] + self.d[i])) >> 15;
        }
        self.sz = sat(sz);
        self.s = sat(self.sp + self.sz);
    }

    /// Lower band, encoder side: quantizes `xl` to a 6-bit code and updates the state.
    pub(crate) fn encode_low(&mut self, xl: i32) -> u8 {
        // SUBTRA and QUANTL.
        let el = sat(xl - self.s);
        let wd = if el >= 0 { el } else { -(el + 1) };
        let mut mil = 1;
        while mil < 30 && wd >= (Q6[mil] * self.det) >> 12 {
            mil += 1;
        }
        let code = if el < 0 { ILN[mil] } else { ILP[mil] };
        self.feedback_low(code);
        code
    }

    /// Lower band, decoder side: the 6-bit reconstructed signal of `code` (RLOW, limited
    /// to 15 bits), then the state update from the 4-bit truncated code.
    pub(crate) fn decode_low(&mut self, code: u8) -> i32 {
        let dl = (self.det * QM6[code as usize]) >> 15;
        let rl = (self.s + dl).clamp(-16384, 16383);
        self.feedback_low(code);
        rl
    }

    /// INVQAL + LOGSCL + SCALEL + block 4 for the lower band.
    fn feedback_low(&mut self, code: u8) {
        let ril = (code >> 2) as usize;
        let dlt = (self.det * QM4[ril]) >> 15;
        self.adapt_scale(WL[RL42[ril]], 18432, 8);
        self.update_predictor(dlt);
    }

    /// Upper band, encoder side: quantizes `xh` to a 2-bit code and updates the state.
    pub(crate) fn encode_high(&mut self, xh: i32) -> u8 {
        let eh = sat(xh - self.s);
        let wd = if eh >= 0 { eh } else { -(eh + 1) };
        let big = wd >= (Q2 * self.det) >> 12;
        let code = match (eh < 0, big) {
            (true, false) => 1,
            (true, true) => 0,
            (false, false) => 3,
            (false, true) => 2,
        };
        self.decode_high(code);
        code
    }

    /// Upper band: INVQAH, RECONS (RHIGH, limited to 15 bits), LOGSCH, SCALEH, block 4.
    pub(crate) fn decode_high(&mut self, code: u8) -> i32 {
        let dh = (self.det * QM2[code as usize]) >> 15;
        let rh = (self.s + dh).clamp(-16384, 16383);
        self.adapt_scale(WH[RH2[code as usize]], 22528, 10);
        self.update_predictor(dh);
        rh
    }
}
