//! The charts render as SVG with their labels.

use super::*;

#[test]
fn a_chart_is_svg_with_its_labels() {
    let svg = bar_chart("Өтініштер", &[("уақытша тұру".into(), 7), ("тұрақты тұру".into(), 2)]);
    assert!(
        svg.starts_with("<svg") && svg.contains("Өтініштер") && svg.contains("уақытша тұру"),
        "{svg}"
    );
}
