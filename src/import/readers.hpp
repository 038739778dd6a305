// The two readers: a DOCX package or plain text → Source. Internal to the
// import stage.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "import/import.hpp"
#include "import/source.hpp"

namespace vb::imp {

// Any WordprocessingML document (Word, LibreOffice, pandoc, scripts):
// paragraphs and tables in order, effective bold/italic/caps from the styles,
// Word's automatic numbers written out as text, footnotes and endnotes, text
// boxes after their paragraph. Errors (damaged or hostile archive) go to
// `diags`; what is left out (pictures, tracked deletions, hidden text) is a
// warning.
std::optional<Source> read_docx(std::string_view bytes, const std::string &name, Diagnostics &diags,
                                const Limits &lim);

// Text: UTF-8 (a BOM is accepted) or UTF-16 with a BOM. Blank lines separate
// paragraphs; pages (form feeds) and the page numbers a PDF's text carries
// are noticed; superscript footnote marks and the notes at the foot of a
// page are paired; Markdown emphasis (**bold**, *italic*) and pipe tables,
// as a copy through a converter gives them, are understood.
std::optional<Source> read_text(const std::string &bytes, const std::string &name, Diagnostics &diags,
                                const Limits &lim);

// Either source, after reading: notes written as text (a superscript number
// opening a paragraph) are paired with their marks, the halves of a
// paragraph a page break cut are joined, a converter's "*** phase**" is read.
void repair(Source &src, Diagnostics &diags);

} // namespace vb::imp
