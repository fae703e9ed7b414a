//! The dashboard's charts: SVG drawn with plotters, labels already in the reader's language.

/// A bar chart of `bars` (label, value) as SVG, drawn with plotters; labels are already in the
/// reader's language.
pub fn bar_chart(title: &str, bars: &[(String, i64)]) -> String {
    use plotters::prelude::*;
    register_font();
    let height = 60 + 26 * bars.len().max(1) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (640, height)).into_drawing_area();
        let top = bars.iter().map(|(_, value)| *value).max().unwrap_or(0).max(1) as u32;
        let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
            root.fill(&WHITE)?;
            let labels: Vec<String> = bars.iter().map(|(label, _)| label.clone()).collect();
            let mut chart = ChartBuilder::on(&root)
                .caption(title, ("sans-serif", 16))
                .margin(8)
                .x_label_area_size(24)
                .y_label_area_size(230)
                .build_cartesian_2d(
                    0u32..top + top / 10 + 1,
                    (0u32..bars.len().max(1) as u32).into_segmented(),
                )?;
            chart
                .configure_mesh()
                .disable_y_mesh()
                .y_labels(bars.len().max(1))
                .y_label_formatter(&|segment| match segment {
                    SegmentValue::CenterOf(index) => labels.get(*index as usize).cloned().unwrap_or_default(),
                    SegmentValue::Exact(_) | SegmentValue::Last => String::new(),
                })
                .label_style(("sans-serif", 12))
                .draw()?;
            chart.draw_series(
                Histogram::horizontal(&chart)
                    .style(RGBColor(0, 80, 122).filled())
                    .margin(4)
                    .data(
                        bars.iter()
                            .enumerate()
                            .map(|(index, (_, value))| (index as u32, *value as u32)),
                    ),
            )?;
            root.present()?;
            Ok(())
        })();
        if let Err(error) = drawn {
            tracing::warn!(error = %error, "a chart could not be drawn");
        }
    }
    svg
}

/// Registers the font the charts measure their text with (once).
fn register_font() {
    static REGISTERED: std::sync::Once = std::sync::Once::new();
    REGISTERED.call_once(|| {
        let font: &'static [u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
        if plotters::style::register_font("sans-serif", plotters::style::FontStyle::Normal, font).is_err() {
            tracing::warn!("the chart font could not be registered");
        }
    });
}

#[cfg(test)]
mod tests;
