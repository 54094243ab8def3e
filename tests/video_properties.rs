//! Properties of every video model's plans over random clips and options: no panic (a clip comes
//! from a reader's file or a link), an answer or a reason, and a plan consistent with itself.

use proptest::prelude::*;
use vistok::engine::video::{self, Clip, Preset, VideoOptions};
use vistok::engine::{self, Size};

fn any_clip() -> impl Strategy<Value = (u32, u32, f64, f64)> {
    (
        1u32..20_000,
        1u32..20_000,
        prop_oneof![Just(24.0), Just(30000.0 / 1001.0), Just(60.0), 0.05f64..240.0],
        prop_oneof![0.001f64..2.0, 0.5f64..700.0, 600.0f64..3_000.0],
    )
}

fn any_options() -> impl Strategy<Value = VideoOptions> {
    let whole = |hi: u64| proptest::option::weighted(0.25, 1u64..hi);
    (
        prop_oneof![Just(Preset::Transformers), Just(Preset::QwenVlUtils), Just(Preset::Vllm)],
        proptest::option::weighted(0.3, 0.01f64..30.0),
        whole(3000),
        (whole(200), whole(2000)),
        (whole(50_000_000), whole(50_000_000)),
        whole(100_000_000),
        proptest::option::weighted(0.2, prop_oneof![Just(70u64), Just(140), Just(280), Just(100), 1u64..2000]),
    )
        .prop_map(
            |(
                preset,
                fps,
                num_frames,
                (min_frames, max_frames),
                (min_pixels, max_pixels),
                total_pixels,
                max_soft_tokens,
            )| {
                VideoOptions {
                    preset,
                    fps,
                    num_frames,
                    min_frames,
                    max_frames,
                    min_pixels,
                    max_pixels,
                    total_pixels,
                    max_soft_tokens,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_video_model_plans_any_clip_or_says_why((w, h, fps, secs) in any_clip(), options in any_options(), pick in 0usize..100) {
        let ids = engine::catalogue::video::IDS;
        let id = ids[pick % ids.len()];
        let model = engine::find(id).expect("a catalogue entry");
        let Ok(clip) = Clip::new(Size::new(w, h), fps, secs) else { return Ok(()) };
        let plain = VideoOptions { preset: options.preset, ..VideoOptions::default() };
        for o in [options, plain] {
            match video::plan(&clip, model, &o) {
                Err(e) => prop_assert!(!e.to_string().is_empty()),
                Ok(p) => {
                    prop_assert_eq!(p.frames_sampled, p.sampled.len() as u64, "{}", id);
                    prop_assert!(p.sampled.iter().all(|f| f.index < clip.frames), "{} indices past the clip", id);
                    prop_assert!(!p.groups.is_empty(), "{}", id);
                    prop_assert!(p.groups.iter().all(|g| g.frames.iter().all(|&i| i < p.sampled.len())), "{}", id);
                    prop_assert!(p.tokens_in_sequence >= p.feature_tokens && p.feature_tokens > 0, "{}", id);
                    prop_assert_eq!(p.runs.iter().map(|r| r.count).sum::<u64>(), p.tokens_in_sequence, "{}", id);
                    // (LLaVA-OneVision adds one newline feature after the groups.)
                    prop_assert!(p.groups.iter().map(|g| g.tokens).sum::<u64>() <= p.feature_tokens, "{}", id);
                }
            }
        }
    }
}
