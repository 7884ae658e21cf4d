//! Files made from what the charts draw, for places where no script runs: an animated GIF of a
//! run. The page feeds it the pixels of its canvases; the `losslab-render` command feeds it the
//! pixels of the same charts drawn to SVG and rasterized.

use gif::{Encoder, Frame, Repeat};

/// The largest side of a GIF frame, in pixels (the format's limit is 65 535; this keeps a file
/// of a hundred frames to a few megabytes).
pub const MAX_SIDE: u32 = 2048;

/// NeuQuant's sampling factor, 1 (best, slowest) to 30: 10 keeps a 640 × 480 frame under
/// ~30 ms in the browser with the colours of the charts intact.
const QUANTIZER_SPEED: i32 = 10;

/// An animated GIF being written: frames of one size, each with its own 256-colour palette
/// (NeuQuant), looping forever.
pub struct GifWriter {
    encoder: Encoder<Vec<u8>>,
    width: u16,
    height: u16,
    frames: usize,
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
        })
    }

    /// Appends a frame: `rgba` is `width × height` pixels, row by row (it is overwritten while its
    /// colours are reduced); shown for `delay` hundredths of a second.
    pub fn add_frame(&mut self, rgba: &mut [u8], delay: u16) -> Result<(), String> {
        let expected = usize::from(self.width) * usize::from(self.height) * 4;
        if rgba.len() != expected {
            return Err(format!(
                "a frame of {} bytes, expected {expected}",
                rgba.len()
            ));
        }
        let mut frame = Frame::from_rgba_speed(self.width, self.height, rgba, QUANTIZER_SPEED);
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
            // Left half red, right half a colour that changes with the frame.
            let mut rgba: Vec<u8> = (0..w * h)
                .flat_map(|i| {
                    if i % w < 3 {
                        [255, 0, 0, 255]
                    } else {
                        [0, 80 * k, 255, 255]
                    }
                })
                .collect();
            writer.add_frame(&mut rgba, 5).unwrap();
        }
        assert_eq!(writer.frames(), 3);
        let bytes = writer.finish().unwrap();
        assert_eq!(&bytes[..6], b"GIF89a");
        let mut options = gif::DecodeOptions::new();
        options.set_color_output(gif::ColorOutput::RGBA);
        let mut decoder = options.read_info(bytes.as_slice()).unwrap();
        let mut seen = 0;
        while let Some(frame) = decoder.read_next_frame().unwrap() {
            assert_eq!((u32::from(frame.width), u32::from(frame.height)), (w, h));
            assert_eq!(frame.delay, 5);
            let px = |x: u32| &frame.buffer[(x * 4) as usize..(x * 4 + 3) as usize];
            assert_eq!(px(0), [255, 0, 0]);
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
    fn wrong_sizes_are_refused() {
        assert!(GifWriter::new(0, 10).is_err());
        assert!(GifWriter::new(10, MAX_SIDE + 1).is_err());
        let mut writer = GifWriter::new(2, 2).unwrap();
        assert!(writer.add_frame(&mut [0; 15], 1).is_err());
    }
}
