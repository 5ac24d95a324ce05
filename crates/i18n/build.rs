//! The locale files are embedded with `include_dir!`, which does not notice
//! a new file; watching the folder makes cargo rebuild when any changes.
fn main() {
    println!("cargo:rerun-if-changed=../../locales");
}
