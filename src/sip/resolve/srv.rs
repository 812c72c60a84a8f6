//! The order in which to try SRV targets (RFC 2782, "Usage rules"): lowest priority
//! first; within a priority, a weighted random choice repeated until none is left.

use super::dns::Srv;
use crate::rng::Rng;

/// `records` in the order to try them. Targets of `.` (service not offered) are dropped.
/// Within one priority, records are drawn one by one: weight-0 records are put first,
/// a number is drawn uniformly from `0..=sum of weights`, and the first record whose
/// running weight sum reaches it is taken.
pub(super) fn order(records: &[Srv], rng: &mut Rng) -> Vec<Srv> {
    let mut usable: Vec<&Srv> = records.iter().filter(|r| !r.target.is_empty()).collect();
    usable.sort_by_key(|r| r.priority);
    let mut out = Vec::with_capacity(usable.len());
    for group in usable.chunk_by(|a, b| a.priority == b.priority) {
        let mut left: Vec<&Srv> = group.iter().filter(|r| r.weight == 0).copied().collect();
        left.extend(group.iter().filter(|r| r.weight > 0).copied());
        while !left.is_empty() {
            let sum: u64 = left.iter().map(|r| u64::from(r.weight)).sum();
            let pick = rng.below(sum + 1);
            let mut running = 0;
            let index = left
                .iter()
                .position(|r| {
                    running += u64::from(r.weight);
                    running >= pick
                })
                .unwrap_or(left.len() - 1);
            out.push(left.remove(index).clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn srv(priority: u16, weight: u16, target: &str) -> Srv {
        Srv {
            priority,
            weight,
            port: 5060,
            target: target.to_string(),
        }
    }

    fn targets(list: &[Srv]) -> Vec<&str> {
        list.iter().map(|s| s.target.as_str()).collect()
    }

    #[test]
    fn priorities_ascend_and_root_targets_are_dropped() {
        let mut rng = Rng::from_seed(1);
        let records = [
            srv(20, 0, "c"),
            srv(10, 5, "a"),
            srv(10, 0, ""),
            srv(30, 1, "d"),
            srv(10, 5, "b"),
        ];
        for _ in 0..50 {
            let got = order(&records, &mut rng);
            let t = targets(&got);
            assert_eq!(t.len(), 4);
            assert!(t[..2].contains(&"a") && t[..2].contains(&"b"), "{t:?}");
            assert_eq!(&t[2..], ["c", "d"]);
        }
    }

    /// With weights 10/20/70, each target comes first about 10%/20%/70% of the time
    /// (10,000 draws, fixed seed: each share within 2 points), and every order is a
    /// permutation of the three.
    #[test]
    fn weights_drive_the_first_choice() {
        let mut rng = Rng::from_seed(0x5eed);
        let records = [srv(0, 10, "a"), srv(0, 20, "b"), srv(0, 70, "c")];
        let mut first = [0u32; 3];
        let runs = 10_000;
        for _ in 0..runs {
            let got = order(&records, &mut rng);
            let mut t = targets(&got);
            first[(t[0].as_bytes()[0] - b'a') as usize] += 1;
            t.sort();
            assert_eq!(t, ["a", "b", "c"]);
        }
        let share = |n: u32| f64::from(n) / f64::from(runs);
        assert!((share(first[0]) - 0.10).abs() < 0.02, "{first:?}");
        assert!((share(first[1]) - 0.20).abs() < 0.02, "{first:?}");
        assert!((share(first[2]) - 0.70).abs() < 0.02, "{first:?}");
    }

    /// A weight-0 target is first only when the draw is 0: about 1 time in sum+1.
    #[test]
    fn weight_zero_is_rarely_first() {
        let mut rng = Rng::from_seed(99);
        let records = [srv(0, 0, "zero"), srv(0, 9, "nine")];
        let runs = 10_000;
        let zero_first = (0..runs)
            .filter(|_| order(&records, &mut rng)[0].target == "zero")
            .count();
        let share = zero_first as f64 / f64::from(runs);
        assert!((share - 0.10).abs() < 0.02, "{zero_first}");
    }

    #[test]
    fn same_seed_same_order() {
        let records: Vec<Srv> = (0..8).map(|i| srv(0, 10, &format!("t{i}"))).collect();
        let a = order(&records, &mut Rng::from_seed(7));
        let b = order(&records, &mut Rng::from_seed(7));
        assert_eq!(a, b);
        let c = order(&records, &mut Rng::from_seed(8));
        assert_ne!(targets(&a), targets(&c));
    }
}
