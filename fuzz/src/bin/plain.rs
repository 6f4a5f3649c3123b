//! Fuzz target: the plain-text (wire copy) parser and its HTML. Text stays text:
//! whatever comes in, the only tags in the HTML are the `<p>` the renderer wrote.

use broadsheet::content::plain;
use broadsheet::markdown::render_plain;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let Ok(text) = std::str::from_utf8(data) else { return };
        let doc = plain::parse(&broadsheet::text::normalize(text));
        let html = render_plain(&doc.paragraphs).html;
        let tags = html.matches('<').count();
        assert_eq!(tags, 2 * doc.paragraphs.len(), "markup leaked into {html:?}");
    });
}
