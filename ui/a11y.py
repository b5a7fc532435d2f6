"""Styles for keyboard and low-vision use, kept apart from the app's layout CSS.

Measured in Chromium (tests/test_ui_research.py): Gradio's own focus ring on a text box is a 3 px ring of
#eff6ff on white (light) or a 1 px #3f3f46 ring (dark), which is not visible, and the search boxes had
none; every focusable control now gets a 2 px accent outline when focused from the keyboard. The notices
kept their light backgrounds in the dark theme (readable, but glaring boxes): they get dark backgrounds
and light text there, each pair ≥ 4.5:1 (WCAG AA for body text).

Secondary text (match scores, bylines, placeholders, the progress line, "not stated" cells) used Gradio's
subdued colour, about 2.5:1 on white; it is darkened (lightened in the dark theme) to ≥ 4.5:1.

One selector per `.dark` rule: Gradio scopes custom CSS by rewriting only the first `.dark` of a selector
list, so `.dark .a, .dark .b` styles `.a` alone in the dark theme.
"""

from __future__ import annotations

CSS = """
a:focus-visible, button:focus-visible, [role="tab"]:focus-visible, summary:focus-visible,
input:focus-visible, textarea:focus-visible, [tabindex]:focus-visible {
  outline: 2px solid var(--color-accent) !important; outline-offset: 2px; }
input[type="radio"]:focus-visible, input[type="checkbox"]:focus-visible { outline-offset: 1px; }
:root { --body-text-color-subdued: #5c5c66 !important; }
.dark { --body-text-color-subdued: #b4b4be !important; }
.dark .notice { color: #f3f4f6; }
.dark .notice-info { background: #16361f; border-color: #3f8a52; }
.dark .notice-refused { background: #3a2c08; border-color: #a8802a; }
.dark .notice-fallback { background: #3a2c08; border-color: #a8802a; }
.dark .notice-unsupported { background: #3a2c08; border-color: #a8802a; }
.dark .notice-stopped { background: #3a2c08; border-color: #a8802a; }
.dark .notice-error { background: #471616; border-color: #b85c5c; }
.dark .notice-drafting { background: #162a42; border-color: #4f79ad; }
"""
