//! Files made from what the charts draw, for places where no script runs: an animated GIF of a
//! run. The page feeds it the pixels of its canvases; the `losslab-render` command feeds it the
//! pixels of the same charts drawn to SVG and rasterized.

use std::collections::HashMap;

use color_quant::NeuQuant;
use gif::{DisposalMethod, Encoder, Frame, Repeat};

use crate::render::descent::BALL_COLOURS;
use crate::render::palette::{self, Rgb};

/// The largest side of a GIF frame, in pixels (the format's limit is 65 535; this keeps a file
/// of a hundred frames to a few megabytes).
pub const MAX_SIDE: u32 = 2048;

/// NeuQuant's sampling factor, 1 (best, slowest) to 30: 10 keeps a 640 × 480 frame under
/// ~30 ms in the browser.
const QUANTIZER_SPEED: i32 = 10;

/// The palette entry of transparent pixels (the previous frame shows through).
const TRANSPARENT: u8 = 255;

/// The charts' own colours, always in a quantized palette: a thin line of a rare colour (the test
/// loss's pink, a ball's trail) keeps its exact colour however few pixels it has.
fn chart_colours() -> Vec<Rgb> {
    let mut c = vec![
        palette::PAPER,
        palette::INK,
        palette::TEST,
        palette::OBJECTIVE,
        palette::MUTED,
        palette::UNDEFINED,
    ];
    c.extend(palette::CLASS);
    c.extend(palette::CLASS_DARK);
    c.extend(BALL_COLOURS);
    c
}

/// A frame's palette (RGB, 256 entries, [`TRANSPARENT`] last) and one index a pixel of `rgba`
/// (alpha 0 = transparent). Exact when the opaque pixels have at most 255 colours; otherwise
/// NeuQuant's colours plus `fixed`, each pixel taking the nearest.
fn quantize(rgba: &[u8], fixed: &[Rgb]) -> (Vec<u8>, Vec<u8>) {
    let mut exact: HashMap<[u8; 3], u8> = HashMap::new();
    let mut too_many = false;
    for p in rgba.chunks_exact(4).filter(|p| p[3] != 0) {
        let next = exact.len();
        let entry = exact.entry([p[0], p[1], p[2]]);
        if next >= usize::from(TRANSPARENT)
            && matches!(entry, std::collections::hash_map::Entry::Vacant(_))
        {
            too_many = true;
            break;
        }
        entry.or_insert(next as u8);
    }
    let mut colours = vec![[0u8; 3]; 256];
    let indices: Vec<u8> = if !too_many {
        for (c, &i) in &exact {
            colours[usize::from(i)] = *c;
        }
        rgba.chunks_exact(4)
            .map(|p| {
                if p[3] == 0 {
                    TRANSPARENT
                } else {
                    exact[&[p[0], p[1], p[2]]]
                }
            })
            .collect()
    } else {
        let opaque: Vec<u8> = rgba
            .chunks_exact(4)
            .filter(|p| p[3] != 0)
            .flatten()
            .copied()
            .collect();
        let learned = 255 - fixed.len();
        let nq = NeuQuant::new(QUANTIZER_SPEED, learned, &opaque);
        for (k, c) in nq.color_map_rgb().chunks_exact(3).enumerate() {
            colours[k] = [c[0], c[1], c[2]];
        }
        colours[learned..255].copy_from_slice(fixed);
        let distance = |a: [u8; 3], b: &[u8]| -> u32 {
            (0..3)
                .map(|k| (i32::from(a[k]) - i32::from(b[k])).unsigned_abs().pow(2))
                .sum()
        };
        rgba.chunks_exact(4)
            .map(|p| {
                if p[3] == 0 {
                    return TRANSPARENT;
                }
                let mut best = nq.index_of(p);
                let mut d = distance(colours[best], p);
                for (k, &c) in fixed.iter().enumerate() {
                    let dk = distance(c, p);
                    if dk < d {
                        (best, d) = (learned + k, dk);
                    }
                }
                best as u8
            })
            .collect()
    };
    (colours.concat(), indices)
}

/// An animated GIF being written: frames of one size, looping forever. Each frame stores only
/// the rectangle that changed since the previous one, drawn over it, with the pixels that did not
/// change transparent, and its own 256-colour palette (NeuQuant): a ball rolling over a still
/// surface costs a few kilobytes a frame.
pub struct GifWriter {
    encoder: Encoder<Vec<u8>>,
    width: u16,
    height: u16,
    frames: usize,
    /// The previous frame's pixels (empty before the first).
    previous: Vec<u8>,
    /// The changed rectangle, copied out of a frame.
    patch: Vec<u8>,
    /// [`chart_colours`].
    fixed: Vec<Rgb>,
}

/// The smallest rectangle (x, y, width, height) holding every pixel where `a` and `b` (RGBA
/// images `width` pixels wide) differ; None if they are equal.
fn changed(a: &[u8], b: &[u8], width: usize) -> Option<(usize, usize, usize, usize)> {
    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
    for (y, (ra, rb)) in a
        .chunks_exact(4 * width)
        .zip(b.chunks_exact(4 * width))
        .enumerate()
    {
        if ra == rb {
            continue;
        }
        let first = ra
            .chunks_exact(4)
            .zip(rb.chunks_exact(4))
            .position(|(p, q)| p != q);
        let last = ra
            .chunks_exact(4)
            .zip(rb.chunks_exact(4))
            .rposition(|(p, q)| p != q);
        if let (Some(f), Some(l)) = (first, last) {
            x0 = x0.min(f);
            x1 = x1.max(l);
            y0 = y0.min(y);
            y1 = y;
        }
    }
    (x0 != usize::MAX).then(|| (x0, y0, x1 - x0 + 1, y1 - y0 + 1))
}

impl GifWriter {
    /// A GIF of `width` × `height` pixels, each side in 1..=[`MAX_SIDE`].
    pub fn new(width: u32, height: u32) -> Result<Self, String> {
        if !(1..=MAX_SIDE).contains(&width) || !(1..=MAX_SIDE).contains(&height) {
            return Err(format!(
                "a GIF frame must be 1 to {MAX_SIDE} pixels a side, not {width} × {height}"
            ));
        }
        let (width, height) = (width as u16, height as u16);
        let mut encoder =
            Encoder::new(Vec::new(), width, height, &[]).map_err(|e| e.to_string())?;
        encoder
            .set_repeat(Repeat::Infinite)
            .map_err(|e| e.to_string())?;
        Ok(Self {
            encoder,
            width,
            height,
            frames: 0,
            previous: Vec::new(),
            patch: Vec::new(),
            fixed: chart_colours(),
        })
    }

    /// Appends a frame: `rgba` is `width × height` pixels, row by row; shown for `delay`
    /// hundredths of a second.
    pub fn add_frame(&mut self, rgba: &[u8], delay: u16) -> Result<(), String> {
        let expected = usize::from(self.width) * usize::from(self.height) * 4;
        if rgba.len() != expected {
            return Err(format!(
                "a frame of {} bytes, expected {expected}",
                rgba.len()
            ));
        }
        let width = usize::from(self.width);
        // The whole first frame; then what changed (one pixel when nothing did: the frame still
        // takes its time).
        let (x, y, w, h) = if self.previous.is_empty() {
            (0, 0, width, usize::from(self.height))
        } else {
            changed(&self.previous, rgba, width).unwrap_or((0, 0, 1, 1))
        };
        self.patch.clear();
        if self.previous.is_empty() {
            self.patch.extend_from_slice(rgba);
        } else {
            // Inside the rectangle, a pixel as it was is transparent: the previous frame shows
            // through, and runs of it compress to almost nothing. (Frames are opaque, so a
            // transparent pixel means exactly this.)
            let rows = rgba
                .chunks_exact(4 * width)
                .zip(self.previous.chunks_exact(4 * width));
            for (row, before) in rows.skip(y).take(h) {
                let (row, before) = (&row[4 * x..4 * (x + w)], &before[4 * x..4 * (x + w)]);
                for (p, q) in row.chunks_exact(4).zip(before.chunks_exact(4)) {
                    self.patch
                        .extend_from_slice(if p == q { &[0; 4] } else { p });
                }
            }
        }
        self.previous.clear();
        self.previous.extend_from_slice(rgba);
        let (colours, indices) = quantize(&self.patch, &self.fixed);
        // Sides fit in u16: they are at most the frame's.
        let mut frame =
            Frame::from_palette_pixels(w as u16, h as u16, indices, colours, Some(TRANSPARENT));
        frame.left = x as u16;
        frame.top = y as u16;
        frame.dispose = DisposalMethod::Keep;
        frame.delay = delay.max(1);
        self.encoder
            .write_frame(&frame)
            .map_err(|e| e.to_string())?;
        self.frames += 1;
        Ok(())
    }

    /// How many frames were added.
    pub fn frames(&self) -> usize {
        self.frames
    }

    /// The finished file.
    pub fn finish(self) -> Result<Vec<u8>, String> {
        self.encoder.into_inner().map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_gif_decodes_to_its_frames_and_colours() {
        let (w, h) = (7u32, 5u32);
        let mut writer = GifWriter::new(w, h).unwrap();
        for k in 0..3u8 {
            // Left part red, right part a colour that changes with the frame, except its middle
            // column (x = 5), which stays blue: inside the changed rectangle, yet unchanged.
            let rgba: Vec<u8> = (0..w * h)
                .flat_map(|i| match i % w {
                    0..3 => [255, 0, 0, 255],
                    5 => [0, 0, 255, 255],
                    _ => [0, 80 * k, 255, 255],
                })
                .collect();
            writer.add_frame(&rgba, 5).unwrap();
        }
        assert_eq!(writer.frames(), 3);
        let bytes = writer.finish().unwrap();
        assert_eq!(&bytes[..6], b"GIF89a");
        let mut options = gif::DecodeOptions::new();
        options.set_color_output(gif::ColorOutput::RGBA);
        let mut decoder = options.read_info(bytes.as_slice()).unwrap();
        // Each frame drawn over the previous ones, as a viewer shows it: transparent pixels let
        // the previous ones show through.
        let mut screen = vec![0u8; (w * h * 4) as usize];
        let mut seen = 0;
        while let Some(frame) = decoder.read_next_frame().unwrap() {
            assert_eq!(frame.delay, 5);
            assert_eq!(frame.dispose, DisposalMethod::Keep);
            let fw = usize::from(frame.width);
            if seen == 0 {
                assert_eq!((u32::from(frame.width), u32::from(frame.height)), (w, h));
            } else {
                // Only the right part changed; its unchanged middle column is transparent.
                assert_eq!((frame.left, frame.width), (3, 4));
                let middle = &frame.buffer[4 * (5 - 3)..][..4];
                assert_eq!(middle[3], 0, "unchanged pixels are transparent");
            }
            for (r, row) in frame.buffer.chunks_exact(4 * fw).enumerate() {
                let y = r + usize::from(frame.top);
                for (c, p) in row.chunks_exact(4).enumerate() {
                    if p[3] != 0 {
                        let at = 4 * (y * w as usize + usize::from(frame.left) + c);
                        screen[at..at + 4].copy_from_slice(p);
                    }
                }
            }
            let px = |x: u32| &screen[(x * 4) as usize..(x * 4 + 3) as usize];
            assert_eq!(px(0), [255, 0, 0]);
            assert_eq!(px(5), [0, 0, 255]);
            let right = px(w - 1);
            assert!(
                right[0] < 8 && (i32::from(right[1]) - 80 * seen).abs() < 8 && right[2] > 247,
                "{right:?}"
            );
            seen += 1;
        }
        assert_eq!(seen, 3);
    }

    #[test]
    fn an_unchanged_frame_costs_one_pixel() {
        let mut writer = GifWriter::new(4, 4).unwrap();
        let rgba = [9u8; 64];
        writer.add_frame(&rgba, 1).unwrap();
        writer.add_frame(&rgba, 7).unwrap();
        let bytes = writer.finish().unwrap();
        let mut decoder = gif::DecodeOptions::new()
            .read_info(bytes.as_slice())
            .unwrap();
        decoder.read_next_frame().unwrap();
        let second = decoder.read_next_frame().unwrap().unwrap();
        assert_eq!((second.width, second.height, second.delay), (1, 1, 7));
    }

    #[test]
    fn a_rare_chart_colour_keeps_its_exact_value_among_many_colours() {
        // A smooth gradient of 300 × 200 colours with one short line of the test loss's pink.
        let (w, h) = (300usize, 200usize);
        let mut rgba: Vec<u8> = (0..w * h)
            .flat_map(|i| [(i % w * 255 / w) as u8, (i / w * 255 / h) as u8, 128, 255])
            .collect();
        for x in 10..20 {
            rgba[4 * (100 * w + x)..][..3].copy_from_slice(&palette::TEST);
        }
        let (colours, indices) = quantize(&rgba, &chart_colours());
        assert_eq!(colours.len(), 768);
        let i = usize::from(indices[100 * w + 15]);
        assert_eq!(colours[3 * i..3 * i + 3], palette::TEST);
        // The gradient stays near its colours (NeuQuant's 255 − fixed entries): about 4 levels
        // a channel, where one colour for all would be off by ~130.
        let mean_error: f64 = rgba
            .chunks_exact(4)
            .zip(&indices)
            .map(|(p, &i)| {
                let c = &colours[3 * usize::from(i)..][..3];
                (0..3)
                    .map(|k| f64::from((i32::from(p[k]) - i32::from(c[k])).abs()))
                    .sum::<f64>()
            })
            .sum::<f64>()
            / (w * h) as f64;
        assert!(mean_error < 16.0, "{mean_error}");
    }

    #[test]
    fn few_colours_are_kept_exactly() {
        let rgba = [
            [1, 2, 3, 255],
            [0, 0, 0, 0],
            [200, 100, 50, 255],
            [1, 2, 3, 255],
        ]
        .concat();
        let (colours, indices) = quantize(&rgba, &chart_colours());
        assert_eq!(indices[1], TRANSPARENT);
        assert_eq!(indices[0], indices[3]);
        for k in [0, 2] {
            let i = 3 * usize::from(indices[k]);
            assert_eq!(colours[i..i + 3], rgba[4 * k..4 * k + 3]);
        }
    }

    #[test]
    fn wrong_sizes_are_refused() {
        assert!(GifWriter::new(0, 10).is_err());
        assert!(GifWriter::new(10, MAX_SIDE + 1).is_err());
        let mut writer = GifWriter::new(2, 2).unwrap();
        assert!(writer.add_frame(&[0; 15], 1).is_err());
    }
}
