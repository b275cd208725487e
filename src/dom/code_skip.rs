//! Lets html5ever pass over the text of `<script>` and `<style>` without tokenizing it.
//!
//! Folio leaves out the children of elements whose children are code (`children_are_code`), and
//! on news pages that code is about half of the characters. html5ever still tokenizes it
//! character run by character run, and hands every run to the tree builder, only for the sink to
//! throw it away. `CodeSkipper` sits between the tokenizer and the tree builder (behind the depth
//! watch of `depth_guard`, which sees every token first): when the tree builder has just made
//! such an element and switched the tokenizer to raw text, it drops the element's text from the
//! front of the input, so the tokenizer reads the end tag next.
//!
//! It only ever drops text the tokenizer would have turned into that element's character
//! tokens: the end is found by the tokenizer's own rule (`</` + the element's name, any ASCII
//! case, + whitespace, `/` or `>`), and script text holding `<!--`, where the tokenizer's escape
//! states can move the end, is left to the tokenizer. The tree is the same as without it.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, Token, TokenSink, TokenSinkResult};

/// The tree builder's side of the skipper: whether the token just processed made an element
/// whose children are code, and that element's local name.
pub trait CodeElementWatch: TokenSink {
    /// How many code elements have been made so far.
    fn code_elements_made(&self) -> usize;
    /// Whether the most recent code element is a `<script>` (else it is a `<style>`).
    fn last_code_element_is_script(&self) -> bool;
}

/// A token sink that forwards to `inner` and skips the raw text of code elements in `input`.
pub struct CodeSkipper<'q, S> {
    pub inner: S,
    input: &'q BufferQueue,
}

impl<'q, S> CodeSkipper<'q, S> {
    pub fn new(inner: S, input: &'q BufferQueue) -> Self {
        CodeSkipper { inner, input }
    }
}

impl<S: CodeElementWatch> TokenSink for CodeSkipper<'_, S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        let before = self.inner.code_elements_made();
        let result = self.inner.process_token(token, line_number);
        if let TokenSinkResult::RawData(kind) = &result {
            if self.inner.code_elements_made() > before {
                skip_raw_text(self.input, *kind, self.inner.last_code_element_is_script());
            }
        }
        result
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Drops the raw text at the front of `input` up to (not including) the code element's end tag.
/// Leaves the input alone when the tokenizer is not in the state that element's text is read
/// in, or when the end is not in the front buffer or cannot be found exactly.
fn skip_raw_text(input: &BufferQueue, kind: RawKind, is_script: bool) {
    // Only script text has escape states.
    let (name, escapes_possible) = match (kind, is_script) {
        (RawKind::ScriptData, true) => ("script", true),
        (RawKind::Rawtext, false) => ("style", false),
        _ => return,
    };
    let Some(mut front) = input.pop_front() else {
        return;
    };
    if let Some(len) = raw_text_len(&front, name, escapes_possible) {
        if let Ok(len) = u32::try_from(len) {
            front.pop_front(len);
        }
    }
    if !front.is_empty() {
        input.push_front(front);
    }
}

/// The length of the raw text before its end tag, if the tokenizer would end it there for sure.
fn raw_text_len(text: &StrTendril, name: &str, escapes_possible: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let name = name.as_bytes();
    let mut from = 0;
    while let Some(offset) = memchr::memmem::find(&bytes[from..], b"</") {
        let at = from + offset;
        let after_name = at + 2 + name.len();
        let name_matches = bytes
            .get(at + 2..after_name)
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        // `\r` is read as `\n` by the tokenizer's preprocessing, so it ends the name too.
        let ends_name = matches!(
            bytes.get(after_name),
            Some(b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/' | b'>')
        );
        if name_matches && ends_name {
            // Script text with `<!--` in it can enter the escaped states, where `<script>`
            // hides the next `</script>`: let the tokenizer work those out.
            if escapes_possible && memchr::memmem::find(&bytes[..at], b"<!--").is_some() {
                return None;
            }
            return Some(at);
        }
        from = at + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn len(text: &str, name: &str, escapes: bool) -> Option<usize> {
        raw_text_len(&StrTendril::from(text), name, escapes)
    }

    #[test]
    fn the_end_tag_needs_its_name_whole_in_any_case() {
        assert_eq!(len("a</b></scripts></script>x", "script", true), Some(15));
        assert_eq!(len("x</SCRIPT\n>", "script", true), Some(1));
        assert_eq!(len("x</Style/>", "style", false), Some(1));
        assert_eq!(len("x</script", "script", true), None);
        assert_eq!(len("no end", "style", false), None);
    }

    #[test]
    fn script_text_with_a_comment_opener_is_left_to_the_tokenizer() {
        assert_eq!(
            len("<!--<script></script>--></script>", "script", true),
            None
        );
        // Style text has no escapes: the first end tag ends it.
        assert_eq!(len("<!--</style>", "style", false), Some(4));
    }
}
