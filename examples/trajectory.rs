//! Prints the training objective after each update of the run a URL query describes, as f64 bits:
//! `cargo run --release --example trajectory -- 'seed=3&optimizer=adam' 200`.
//! The end-to-end tests compare it with the same run in the browser.

fn main() {
    let mut args = std::env::args().skip(1);
    let query = args.next().unwrap_or_default();
    let steps = args.next().and_then(|s| s.parse().ok()).unwrap_or(100);
    print!("{}", losslab::trajectory(&query, steps));
}
