//! Which rows of a long list are drawn: the ones in view plus a small buffer, so the
//! DOM holds the same number of rows whatever the plan's size.

/// A range of rows to draw, and the space the rest take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowWindow {
    /// First row drawn.
    pub first: usize,
    /// One past the last row drawn.
    pub end: usize,
}

impl RowWindow {
    /// Rows in view of a viewport `height` pixels tall scrolled to `scroll_top`, with
    /// `buffer` extra rows above and below.
    pub fn visible(row_count: usize, row_height: f64, scroll_top: f64, height: f64, buffer: usize) -> Self {
        if row_count == 0 || row_height <= 0.0 {
            return Self { first: 0, end: 0 };
        }
        let top = (scroll_top.max(0.0) / row_height).floor() as usize;
        let shown = (height.max(0.0) / row_height).ceil() as usize + 1;
        let first = top.saturating_sub(buffer).min(row_count);
        let end = (top + shown + buffer).min(row_count);
        Self { first, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.first
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.first
    }

    pub fn contains(&self, row: usize) -> bool {
        (self.first..self.end).contains(&row)
    }
}
