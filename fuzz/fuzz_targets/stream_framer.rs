//! Fuzz target: the stream framer gives the same frames (or the same error) whether the
//! input arrives whole or cut into chunks; the first input byte seeds the chunk sizes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pjsua2rs::sip::{Frame, FramingError, StreamFramer};

fn run(chunks: &[&[u8]]) -> (Vec<Frame>, Option<FramingError>) {
    let mut framer = StreamFramer::new(4096);
    let mut frames = Vec::new();
    for chunk in chunks {
        framer.push(chunk);
        loop {
            match framer.next_frame() {
                Ok(Some(f)) => frames.push(f),
                Ok(None) => break,
                Err(e) => return (frames, Some(e)),
            }
        }
    }
    (frames, None)
}

fuzz_target!(|data: &[u8]| {
    let Some((&seed, input)) = data.split_first() else {
        return;
    };
    let whole = run(&[input]);
    let mut chunks = Vec::new();
    let (mut rest, mut state) = (input, u32::from(seed) | 1);
    while !rest.is_empty() {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let n = ((state >> 16) as usize % 64 + 1).min(rest.len());
        let (c, r) = rest.split_at(n);
        chunks.push(c);
        rest = r;
    }
    let chunked = run(&chunks);
    // An error may come earlier or later depending on how much had arrived, but the
    // frames before it and whether the stream failed must not depend on the chunking.
    match (&whole.1, &chunked.1) {
        (None, None) => assert_eq!(whole.0, chunked.0),
        (Some(_), Some(_)) => {}
        _ => panic!("chunking changed the outcome: {whole:?} vs {chunked:?}"),
    }
});
