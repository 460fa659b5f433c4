//! Writes SVG or HTML markup as text, escaping every attribute value and text it is given.
//!
//! The timeline chart and the documents are written as one string of markup rather than as
//! typed view nodes: a drawing of a few hundred static shapes built from view nodes made the
//! chart alone about 30 KB of the gzipped wasm (see the README's size notes), and a document
//! is static text too. The text from the case (names of children, guardians and units)
//! reaches the markup only through `escape_into`.

/// An SVG or HTML fragment being written.
#[derive(Default)]
pub(crate) struct Markup {
    out: String,
}

impl Markup {
    /// `<tag a="v" …>`; close it with `close`.
    pub(crate) fn open(&mut self, tag: &str, attributes: &[(&str, &str)]) {
        self.start_tag(tag, attributes);
        self.out.push('>');
    }

    /// `<tag a="v" …/>`: SVG only (in HTML only void elements such as `<br>` may end so).
    pub(crate) fn empty(&mut self, tag: &str, attributes: &[(&str, &str)]) {
        self.start_tag(tag, attributes);
        self.out.push_str("/>");
    }

    pub(crate) fn close(&mut self, tag: &str) {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
    }

    pub(crate) fn text(&mut self, text: &str) {
        escape_into(&mut self.out, text);
    }

    /// `<tag a="v" …>text</tag>`
    pub(crate) fn element(&mut self, tag: &str, attributes: &[(&str, &str)], text: &str) {
        self.open(tag, attributes);
        self.text(text);
        self.close(tag);
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }

    // INVARIANT: tag and attribute names are literals of this crate, never case data;
    // only values are escaped.
    fn start_tag(&mut self, tag: &str, attributes: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attributes {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value);
            self.out.push('"');
        }
    }
}

/// Text made safe for both element content and double- or single-quoted attributes.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attribute_values_cannot_open_markup() {
        let mut markup = Markup::default();
        markup.element(
            "text",
            &[("aria-label", "\"><script>x</script>")],
            "Sara <b>&</b> 'Johan'",
        );
        assert_eq!(
            markup.finish(),
            "<text aria-label=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">\
             Sara &lt;b&gt;&amp;&lt;/b&gt; &#39;Johan&#39;</text>"
        );
    }

    #[test]
    fn empty_elements_close_themselves_and_open_ones_need_closing() {
        let mut markup = Markup::default();
        markup.open("g", &[("class", "a")]);
        markup.empty("rect", &[("x", "1.0"), ("y", "2.0")]);
        markup.close("g");
        assert_eq!(
            markup.finish(),
            "<g class=\"a\"><rect x=\"1.0\" y=\"2.0\"/></g>"
        );
    }
}
